using Microsoft.Extensions.Options;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Tests.Security;

public class ApiKeyStoreTests
{
    private static readonly ApiKeyStore Store = new(Options.Create(new ApiKeyOptions
    {
        ApiKeys =
        [
            new() { Name = "plain", Role = Roles.Ops, Key = "plain-secret-key" },
            new() { Name = "hashed", Role = Roles.Auditor, KeyHash = ApiKeyHash.ToHex(ApiKeyHash.Compute("hashed-secret-key")) },
        ],
    }));

    [Theory]
    [InlineData("plain-secret-key", "plain")]
    [InlineData("hashed-secret-key", "hashed")]
    public void A_configured_key_finds_its_entry_whether_stored_plain_or_hashed(string presented, string expectedName) =>
        Assert.Equal(expectedName, Store.Find(ApiKeyHash.Compute(presented))?.Name);

    [Theory]
    [InlineData("plain-secret-ke")]
    [InlineData("plain-secret-key ")]
    [InlineData("PLAIN-SECRET-KEY")]
    [InlineData("")]
    public void Near_misses_find_nothing(string presented) => Assert.Null(Store.Find(ApiKeyHash.Compute(presented)));

    [Fact]
    public void A_key_hash_presented_as_the_key_finds_nothing() =>
        Assert.Null(Store.Find(ApiKeyHash.Compute(ApiKeyHash.ToHex(ApiKeyHash.Compute("hashed-secret-key")))));

    [Fact]
    public void The_hash_is_the_lowercase_hex_sha256_that_sha256sum_prints() =>
        // printf %s abc | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHash.ToHex(ApiKeyHash.Compute("abc")));
}
