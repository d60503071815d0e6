using System.Text;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// Hostile primitive values drawn from a seeded <see cref="Random"/>: the same seed gives the same inputs,
/// so a failure reproduces by running the test again with the seed it printed.
/// </summary>
public sealed class Junk(Random random)
{
    public Random Random { get; } = random;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public bool Chance(double probability) => Random.NextDouble() < probability;

    /// <summary>Strings that break naive parsers, encoders, loggers and file systems.</summary>
    public static readonly IReadOnlyList<string> OddStrings =
    [
        "", " ", "\t\n", "null", "undefined", "NaN", "-1", "0", "1e309", "true",
        "\u0000", "a\u0000b", "\u202Eevil", "\u200B", "\uFEFF", "é", "e\u0301", "规则", "😀", "\U0001F9D1\u200D\U0001F4BB",
        "\ud800", "\udfff", "../../etc/passwd", "..\\..\\boot.ini", "%00", "%2e%2e%2f", "<script>alert(1)</script>",
        "' OR 1=1 --", "{\"$where\":\"1\"}", "$id", "_id", "=cmd|' /C calc'!A0", "${jndi:ldap://x}", "{{7*7}}",
        "CON", "aux.csx", "a/b", "a|b", "2026-02-30T25:61:61Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z",
    ];

    public string OddString() => Random.Next(10) switch
    {
        0 => new string(Pick(["a", "é", "😀", "\u0000"])[0], Random.Next(1_000, 20_000)),
        1 => RandomUnicode(Random.Next(1, 40)),
        _ => Pick(OddStrings),
    };

    /// <summary>Any UTF-16 code units, lone surrogates included: what a careless client may serialise.</summary>
    public string RandomUnicode(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)Random.Next(0, 0x10000));
        return text.ToString();
    }

    public byte[] RandomBytes(int maxLength)
    {
        var bytes = new byte[Random.Next(1, maxLength + 1)];
        Random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>JSON numbers no field expects: beyond every .NET type, negative zero, exponent forms.</summary>
    public static readonly IReadOnlyList<string> HugeNumbers =
    [
        "1e309", "-1e309", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808",
        "79228162514264337593543950336", "4.9e-325", "-0", "0.0000000000000000000000000001", "1E+2", "2147483648", "-2147483649",
    ];

    /// <summary>A JSON value of a random, usually wrong, type, as raw JSON text.</summary>
    public string JsonValue(int depth = 0) => Random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => "null",
        1 => Pick(["true", "false"]),
        2 => Pick(HugeNumbers),
        3 => Random.Next(int.MinValue, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        4 or 5 => JsonString(OddString()),
        6 => "[" + string.Join(",", Enumerable.Range(0, Random.Next(4)).Select(_ => JsonValue(depth + 1))) + "]",
        7 => "{" + string.Join(",", Enumerable.Range(0, Random.Next(4)).Select(_ => JsonString(OddString()) + ":" + JsonValue(depth + 1))) + "}",
        _ => DeepNesting(Random.Next(64, 5_000)),
    };

    /// <summary>Nesting past System.Text.Json's default depth of 64 (and far past it).</summary>
    public string DeepNesting(int depth) => Chance(0.5)
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>A JSON string literal; lone surrogates become escapes, as a JavaScript client would send them.</summary>
    public static string JsonString(string value)
    {
        var json = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\') json.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c)) json.Append($"\\u{(int)c:x4}");
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }
}
