using System.Security.Cryptography;
using System.Text;

namespace RuleEngine.Server.Security;

/// <summary>SHA-256 of keys: what is stored, compared and fingerprinted, so plain keys never need to be kept.</summary>
public static class ApiKeyHash
{
    public static byte[] Compute(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string ToHex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>The hex hash of a valid configured entry.</summary>
    public static string Of(ApiKeyEntry entry) => entry.KeyHash ?? ToHex(Compute(entry.Key!));

    /// <summary>A short prefix of the hash that lets logs correlate attempts without revealing the key.</summary>
    public static string Fingerprint(byte[] hash) => ToHex(hash)[..8];

    public static bool IsWellFormed(string keyHash) =>
        keyHash.Length == 64 && keyHash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
