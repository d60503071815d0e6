using System.Text.RegularExpressions;

namespace RuleEngine.Server.Logging;

/// <summary>
/// What counts as personal data in a log event: properties named like a customer's name, e-mail, phone,
/// birthday or address (whatever their value), and text that looks like an e-mail address or phone number.
/// A name cannot be recognised by its shape, so log customer ids, never names in message text.
/// </summary>
public static partial class PersonalData
{
    public const string Redacted = "[redacted]";

    // Compared after lowercasing and removing '_', '-' and '.' (CustomerEmail, customer_email, customer.email).
    private static readonly string[] SensitiveParts = ["email", "phone", "mobile", "birth"];
    private static readonly string[] SensitiveNames = ["name", "tel", "dob", "contact"];
    private static readonly string[] SensitiveNameSuffixes =
        ["fullname", "firstname", "lastname", "givenname", "familyname", "surname", "nickname", "realname",
         "customername", "membername", "contactname", "homeaddress", "postaladdress", "shippingaddress", "streetaddress"];

    // Framework structures whose "Name" is not a person's ({ EventId: { Id, Name } }).
    private static readonly string[] KnownSafe = ["EventId"];

    public static bool IsKnownSafe(string propertyName) => KnownSafe.Contains(propertyName);

    public static bool IsSensitiveProperty(string propertyName)
    {
        var name = propertyName.ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(".", "");
        return SensitiveParts.Any(name.Contains)
            || SensitiveNames.Contains(name)
            || SensitiveNameSuffixes.Any(name.EndsWith);
    }

    /// <summary>Replaces every e-mail address and phone number in <paramref name="text"/>.</summary>
    public static string RedactText(string text) =>
        text.Length < 7 ? text : PhoneNumber().Replace(EmailAddress().Replace(text, Redacted), Redacted);

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();

    // International (+86 138 1234 5678), Chinese mobile (13812345678, 138-1234-5678), area code landline
    // (010-12345678) and grouped local numbers ((555) 123-4567). Digits glued to letters, dashes or dots on
    // either side (GUIDs, ISO dates, versions) are deliberately left alone.
    [GeneratedRegex(@"(?<![\w\-.+])(?:\+\d{1,3}[ \-]?\d(?:[ \-]?\d){6,13}|1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}|\(?0\d{2,3}\)?[ \-]\d{7,8}|\(?\d{3}\)?[ \-]\d{3}[ \-]\d{4})(?![\w\-])")]
    private static partial Regex PhoneNumber();
}
