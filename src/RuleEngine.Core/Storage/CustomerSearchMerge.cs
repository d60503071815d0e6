using RuleEngine.Domain;

namespace RuleEngine.Storage;

/// <summary>
/// Customer search by prefix, on every backend: up to four key streams (id as written; name and e-mail lowercased; the
/// phone's digits, see <see cref="CustomerSearchKeys"/>) each read as one index range past the cursor, merged into one
/// order of keys. A page costs the same at a thousand customers as at a million.
/// </summary>
public static class CustomerSearchMerge
{
    public enum Key { Id, Name, Email, Phone }

    /// <summary>Reads up to <c>count</c> customers whose <c>key</c> starts with <c>prefix</c> and sorts after <c>from</c>, in key order, with that key.</summary>
    public delegate IReadOnlyList<(string Key, Customer Customer)> ReadRange(Key key, string prefix, string from, int count);

    public static Page<Customer> ByPrefix(string text, string? after, int limit, ReadRange read, Func<string, bool>? inSegment)
    {
        var prefixes = Prefixes(text);
        // Each stream reads one range past the cursor; a stream that filled its read may have more, so the page stops
        // at the smallest last key of those (what lies beyond it is not known yet).
        var streams = prefixes.Select(p => read(p.Key, p.Prefix, after is not null && string.CompareOrdinal(after + "\0", p.Prefix) > 0 ? after + "\0" : p.Prefix, limit + 1)).ToList();
        var boundary = streams.Where(s => s.Count > limit).Select(s => s[^1].Key).Min(StringComparer.Ordinal);
        var merged = streams.SelectMany(s => s)
            .Where(e => boundary is null || string.CompareOrdinal(e.Key, boundary) <= 0)
            .OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var items = new List<Customer>();
        string? last = null;
        foreach (var (key, customer) in merged)
        {
            if (items.Count == limit) return new Page<Customer>(items, PageCursor.Encode(last!));
            last = key;
            // A customer found by several keys is shown once, at its first key: the same on every page.
            if (FirstKey(customer, prefixes) != key) continue;
            if (inSegment is not null && !inSegment(customer.Id)) continue;
            items.Add(customer);
        }
        return new Page<Customer>(items, boundary is null ? null : PageCursor.Encode(boundary));
    }

    /// <summary>The key a customer has in a stream (null: none).</summary>
    public static string? KeyOf(Customer customer, Key key) => key switch
    {
        Key.Id => customer.Id,
        Key.Name => CustomerSearchKeys.NameKey(customer.Name, customer.Id),
        Key.Email => CustomerSearchKeys.EmailKey(customer.Email, customer.Id),
        _ => CustomerSearchKeys.PhoneKey(customer.Phone, customer.Id),
    };

    /// <summary>The id as written; name and e-mail lowercased; the phone's digits when the text could be part of a number.</summary>
    static List<(Key Key, string Prefix)> Prefixes(string text)
    {
        var prefixes = new List<(Key, string)> { (Key.Id, text) };
        if (text.Length == 0) return prefixes;
        if (CustomerSearchKeys.Text(text) is { } lower)
        {
            prefixes.Add((Key.Name, lower));
            prefixes.Add((Key.Email, lower));
        }
        if (text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')') && CustomerSearchKeys.Digits(text) is { } digits)
            prefixes.Add((Key.Phone, digits));
        return prefixes;
    }

    static string? FirstKey(Customer customer, List<(Key Key, string Prefix)> prefixes) =>
        prefixes.Select(p => KeyOf(customer, p.Key) is { } key && key.StartsWith(p.Prefix, StringComparison.Ordinal) ? key : null)
            .OfType<string>().Min(StringComparer.Ordinal);
}
