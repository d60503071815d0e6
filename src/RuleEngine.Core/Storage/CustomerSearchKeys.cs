namespace RuleEngine.Storage;

/// <summary>
/// The indexed keys customer search runs prefix queries on, stored on each customer document: the name and e-mail
/// lowercased, the phone as its digits, each followed by "|" and the id. The id makes every key unique, so a page
/// resumes right after the last key it showed even among many customers of one name.
/// </summary>
internal static class CustomerSearchKeys
{
    public const string Name = "NameKey", Email = "EmailKey", Phone = "PhoneKey";

    public static string? NameKey(string? name, string id) => Key(Text(name), id);

    public static string? EmailKey(string? email, string id) => Key(Text(email), id);

    public static string? PhoneKey(string? phone, string id) => Key(Digits(phone), id);

    /// <summary>Lowercased and trimmed, runs of spaces as one: "  Zhang  Wei" finds "zhang wei".</summary>
    public static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
    }

    /// <summary>Only the digits: "+86 138-1234-5678" is "8613812345678".</summary>
    public static string? Digits(string? value)
    {
        if (value is null) return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    static string? Key(string? value, string id) => value is null ? null : $"{value}|{id}";
}
