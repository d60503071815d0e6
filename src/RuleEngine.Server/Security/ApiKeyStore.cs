using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace RuleEngine.Server.Security;

/// <summary>Finds the configured key matching a presented one, in time that does not depend on how much of it matched.</summary>
public sealed class ApiKeyStore(IOptions<ApiKeyOptions> options)
{
    private readonly IReadOnlyList<(ApiKeyEntry Entry, byte[] Hash)> keys =
        options.Value.ApiKeys.Select(entry => (entry, Convert.FromHexString(ApiKeyHash.Of(entry)))).ToList();

    /// <summary>The entry whose key hashes to <paramref name="presentedHash"/>, or null.</summary>
    public ApiKeyEntry? Find(byte[] presentedHash)
    {
        // Comparing fixed-length hashes with FixedTimeEquals, and visiting every entry without an early exit,
        // keeps response times from telling an attacker how close a guess was or which entry it matched.
        ApiKeyEntry? match = null;
        foreach (var (entry, hash) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presentedHash)) match = entry;
        }
        return match;
    }
}
