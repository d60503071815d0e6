using System.Text.RegularExpressions;

namespace RuleEngine.Triggers;

/// <summary>
/// What a rule's <c>trigger:</c> header may name: <c>orders</c> (an order stored or changed), <c>customers</c>
/// (a profile stored or changed) or <c>events:&lt;type&gt;</c> (an interaction of that type). The same strings are
/// the outbox's trigger kinds, so ingest and dispatcher agree on them without a table.
/// </summary>
public static partial class TriggerKinds
{
    public const string Orders = "orders";
    public const string Customers = "customers";
    public const string EventsPrefix = "events:";

    public static string ForEvent(string type) => EventsPrefix + type;

    /// <summary>Reads a comma-separated header value; an error says which part is wrong and what is allowed.</summary>
    public static IReadOnlyList<string> Parse(string value, out string? error)
    {
        var kinds = new List<string>();
        error = null;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = part.ToLowerInvariant();
            if (kind is Orders or Customers || (kind.StartsWith(EventsPrefix, StringComparison.Ordinal) && EventType().IsMatch(kind[EventsPrefix.Length..])))
            {
                if (!kinds.Contains(kind)) kinds.Add(kind);
                continue;
            }
            error = $"Unknown trigger '{part}'; use 'orders', 'customers' or 'events:<type>' (e.g. events:complaint), several separated by commas.";
            return [];
        }
        if (kinds.Count == 0) error = "The trigger header is empty; use 'orders', 'customers' or 'events:<type>'.";
        return kinds;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$")]
    private static partial Regex EventType();
}
