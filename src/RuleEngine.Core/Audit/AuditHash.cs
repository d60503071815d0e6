using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RuleEngine.Audit;

/// <summary>How an entry's hash is computed; the verifier recomputes it from the stored fields.</summary>
public static class AuditHash
{
    /// <summary>The "previous hash" of entry 1.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Lowercase hex SHA-256 of the entry's canonical form.</summary>
    public static string Of(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalForm(entry))));

    /// <summary>
    /// One line per field in a fixed order, each <c>name:byteLength:value</c> (<c>name:-</c> for null). Length-prefixed
    /// so that no two different entries share a form, whatever their text holds; plain text so that anyone can
    /// recompute it from an export in a few lines of any language. The stored hash itself is not part of it.
    /// </summary>
    public static string CanonicalForm(AuditEntry entry)
    {
        var form = new StringBuilder();
        Field(form, "sequence", entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(form, "at", entry.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Field(form, "type", entry.Type);
        Field(form, "actor", entry.Actor);
        Field(form, "rule", entry.Rule);
        Field(form, "subject", entry.Subject);
        Field(form, "summary", entry.Summary);
        Field(form, "details", entry.Details);
        Field(form, "previousHash", entry.PreviousHash);
        return form.ToString();
    }

    static void Field(StringBuilder form, string name, string? value) =>
        form.Append(name).Append(':')
            .Append(value is null ? "-" : $"{Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)}:{value}")
            .Append('\n');
}
