using System.Security.Claims;

namespace RuleEngine.Server.Security;

/// <summary>
/// Who sees customers' personal data (name, phone, e-mail, birthday) in full: admins, and ops, who call and write to
/// customers to work their follow-up tasks. Analysts and auditors work on segments, scores and the record of what
/// rules did, which needs the customer's id, not who they are: they see the data masked, enough to tell two
/// customers apart on a screen (<c>Zh*** W**</c>, <c>138****5678</c>, <c>a***@example.com</c>), and no birthday.
/// Every endpoint that returns profile data goes through one of these, so detail, search, export and history agree.
/// </summary>
public sealed class PersonalDataAccess
{
    PersonalDataAccess(bool full) => Full = full;

    public static readonly PersonalDataAccess InFull = new(true);
    public static readonly PersonalDataAccess Masked = new(false);

    public bool Full { get; }

    public static PersonalDataAccess For(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Ops) ? InFull : Masked;

    public string? Name(string? name) => Full || name is null ? name
        : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(MaskWord));

    /// <summary>The first three and last four digits stay (the operator prefix and what people quote), the rest are stars.</summary>
    public string? Phone(string? phone)
    {
        if (Full || phone is null) return phone;
        var digits = phone.Count(char.IsAsciiDigit);
        var (head, tail) = digits >= 11 ? (3, 4) : digits >= 7 ? (2, 2) : (0, 0);
        var seen = 0;
        return new string(phone.Select(c =>
        {
            if (!char.IsAsciiDigit(c)) return c;
            seen++;
            return seen <= head || seen > digits - tail ? c : '*';
        }).ToArray());
    }

    public string? Email(string? email)
    {
        if (Full || email is null) return email;
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    public DateOnly? Birthday(DateOnly? birthday) => Full ? birthday : null;

    /// <summary>A third of each word (at least one letter) stays: "Zhang Wei" is "Zh*** W**", "张伟" is "张*".</summary>
    static string MaskWord(string word)
    {
        var keep = Math.Max(1, (word.Length + 2) / 3);
        return word.Length <= 1 ? word : word[..keep] + new string('*', word.Length - keep);
    }
}
