using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using RuleEngine.Server.Security;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Security;

public class ApiKeyConfigurationTests
{
    private const string HashedKey = "a-key-stored-only-as-its-hash";

    [Fact]
    public async Task A_key_configured_by_its_hash_authenticates_as_its_name_and_role()
    {
        await using var factory = new ConfiguredFactory(HashedKeyEntry());
        using var client = factory.CreateClient(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", HashedKey);

        var me = await client.GetFromJsonAsync<WhoAmI>("/api/me");

        Assert.Equal("nightly-export", me!.Name);
        Assert.Equal("auditor", me.Role);
        Assert.Contains(Policies.ReadAudit, me.Policies);
        Assert.DoesNotContain(Policies.Ingest, me.Policies);
    }

    [Fact]
    public async Task The_hash_itself_is_not_accepted_as_a_key()
    {
        await using var factory = new ConfiguredFactory(HashedKeyEntry());
        using var client = factory.CreateClient(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKeyHash.ToHex(ApiKeyHash.Compute(HashedKey)));

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Role", "superuser", "Role 'superuser' is unknown")]
    [InlineData("KeyHash", "ABCDEF", "KeyHash must be 64 lowercase hex characters")]
    [InlineData("Name", "", "Name is missing")]
    [InlineData("Name", "test-admin", "the name 'test-admin' is used by 2 keys")]
    public async Task A_bad_key_entry_stops_the_server_at_start_up_naming_the_entry(string field, string value, string message)
    {
        var entry = new Dictionary<string, string?>
        {
            ["RuleEngine:ApiKeys:4:Name"] = "extra",
            ["RuleEngine:ApiKeys:4:Role"] = "ops",
            ["RuleEngine:ApiKeys:4:Key"] = "extra-key",
        };
        entry[$"RuleEngine:ApiKeys:4:{field}"] = value;
        if (field == "KeyHash") entry["RuleEngine:ApiKeys:4:Key"] = null;
        await using var factory = new ConfiguredFactory(entry);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient(null));

        Assert.Contains("RuleEngine:ApiKeys", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task An_entry_with_both_a_key_and_a_hash_is_refused()
    {
        await using var factory = new ConfiguredFactory(new()
        {
            ["RuleEngine:ApiKeys:4:Name"] = "both",
            ["RuleEngine:ApiKeys:4:Role"] = "ops",
            ["RuleEngine:ApiKeys:4:Key"] = "k",
            ["RuleEngine:ApiKeys:4:KeyHash"] = ApiKeyHash.ToHex(ApiKeyHash.Compute("k")),
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient(null));
        Assert.Contains("exactly one of Key", error.Message);
    }

    private static Dictionary<string, string?> HashedKeyEntry() => new()
    {
        ["RuleEngine:ApiKeys:4:Name"] = "nightly-export",
        ["RuleEngine:ApiKeys:4:Role"] = "auditor",
        ["RuleEngine:ApiKeys:4:KeyHash"] = ApiKeyHash.ToHex(ApiKeyHash.Compute(HashedKey)),
    };

    private sealed class ConfiguredFactory(Dictionary<string, string?> settings) : RuleEngineAppFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
