namespace RuleEngine.Console.Model;

/// <summary>One entry of the console's navigation, shown to the roles listed (null: every signed-in role).</summary>
public sealed record NavEntry(string Title, string Href, string Icon, IReadOnlyList<string>? Roles = null, bool MatchPrefix = true)
{
    public bool IsFor(string? role) => role is not null && (Roles is null || Roles.Contains(role));
}

/// <summary>
/// The console's pages in navigation order: one line per page. Pages for ops and auditors (runs, customers, audit,
/// dashboard) add their line here; the layout shows each role only its entries.
/// </summary>
public static class NavEntries
{
    public static readonly IReadOnlyList<NavEntry> All =
    [
        new("Rules", "rules", "▤"),
        new("Dashboard", "dashboard", "◔"),
        new("Runs", "runs", "▶"),
        new("Customers", "customers", "☺"),
        new("Audit", "audit", "§", ["auditor", "admin"]),
        new("Script API", "script-api", "ƒ"),
    ];

    public static IEnumerable<NavEntry> For(string? role) => All.Where(e => e.IsFor(role));
}
