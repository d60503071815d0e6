using Npgsql;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Transaction-scoped advisory locks: held until the transaction ends, so nothing can leave one behind. Locks are
/// taken in key order, so two transactions that lock several customers can never wait for each other in a circle.
/// </summary>
internal static class PostgresLocks
{
    /// <summary>The audit chain's head: one append at a time reads it and links to it.</summary>
    public const long AuditHead = 0x52_45_41_55_44_49_54; // "REAUDIT"

    public static async Task CustomersAsync(NpgsqlConnection c, IEnumerable<string> customerIds, CancellationToken ct)
    {
        var ids = customerIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using var lockCommand = c.Command(
            "SELECT pg_advisory_xact_lock(hashtextextended('customer:' || id, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS k(id, n) ORDER BY n", ids);
        await lockCommand.ExecuteNonQueryAsync(ct);
    }

    public static async Task OneAsync(NpgsqlConnection c, long key, CancellationToken ct)
    {
        await using var lockCommand = c.Command("SELECT pg_advisory_xact_lock($1)", key);
        await lockCommand.ExecuteNonQueryAsync(ct);
    }
}
