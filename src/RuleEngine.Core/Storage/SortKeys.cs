using System.Globalization;
using RuleEngine.Runs;

namespace RuleEngine.Storage;

/// <summary>Keys that lists are ordered and paged by (the cursor is the last key shown), the same on every backend.</summary>
public static class SortKeys
{
    /// <summary>"due|id" with a fixed-width sortable time, so ordinal order is due order and ties break by id.</summary>
    public static string Due(DateTime due, string id) =>
        $"{due.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}|{id}";

    /// <summary>Runs newest first with a stable tie-break: creation ticks, then id.</summary>
    public static string Run(Run run) => $"{run.CreatedAt.Ticks.ToString("D19", CultureInfo.InvariantCulture)}|{run.Id}";
}
