using Npgsql;
using RuleEngine.Triggers;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// The trigger outbox as a table: one row per trigger kind and customer, upserted by the ingest transaction that caused
/// it (so a customer with a hundred new orders is one row). <c>first_at</c> is set when the row is created and kept
/// while it is marked again, so a busy customer is not pushed back for ever; <c>stamp</c> changes at every mark, so an
/// entry read before a newer mark is not removed by the acknowledgement of the older one. Any node may drain it: a read
/// claims its entries for <see cref="Claim"/> (rows locked by another node's read at that moment are skipped), so the
/// nodes' dispatchers take different customers; an entry whose batch failed, or whose node died, is read again once
/// its claim has passed.
/// </summary>
public sealed class PostgresTriggerOutbox(PostgresDatabase database) : ITriggerOutbox
{
    const string Columns = "customer_id, kind, event_at, first_at, stamp";

    /// <summary>Longer than a batch takes; a batch that takes longer may be evaluated twice, which applies nothing twice.</summary>
    static readonly TimeSpan Claim = TimeSpan.FromSeconds(60);

    /// <summary>Records the marks inside the caller's transaction (the one that stores the data they are for).</summary>
    internal static async Task MarkAsync(NpgsqlConnection connection, IReadOnlyList<TriggerMark> marks, CancellationToken ct)
    {
        // One row per kind and customer, at its earliest event time: ON CONFLICT may touch a row once per statement.
        var merged = marks.GroupBy(m => (m.Kind, m.CustomerId)).Select(g => (g.Key.Kind, g.Key.CustomerId, EventAt: g.Min(m => PostgresSql.Utc(m.EventAt)))).ToList();
        await using var mark = connection.Command("""
            INSERT INTO trigger_outbox (kind, customer_id, event_at, first_at, stamp)
            SELECT kind, customer_id, event_at, clock_timestamp(), nextval('trigger_stamps')
            FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS m(kind, customer_id, event_at)
            ON CONFLICT (kind, customer_id) DO UPDATE
            SET event_at = LEAST(trigger_outbox.event_at, EXCLUDED.event_at), stamp = EXCLUDED.stamp, claimed_until = NULL
            """, merged.Select(m => m.Kind).ToArray(), merged.Select(m => m.CustomerId).ToArray(), merged.Select(m => m.EventAt).ToArray());
        await mark.ExecuteNonQueryAsync(ct);
    }

    // One statement, so it commits on its own: no transaction is held while the batch runs.
    public IReadOnlyList<PendingTrigger> Oldest(IReadOnlyCollection<string> kinds, int max, IReadOnlySet<string>? skipCustomers = null) => database.Read(c =>
    {
        using var claim = c.Command($"""
            WITH free AS (
                SELECT kind, customer_id FROM trigger_outbox
                WHERE kind = ANY($1) AND (claimed_until IS NULL OR claimed_until < now()) AND NOT (customer_id = ANY($4))
                ORDER BY first_at, kind, customer_id LIMIT $2 FOR UPDATE SKIP LOCKED)
            UPDATE trigger_outbox o SET claimed_until = now() + $3
            FROM free WHERE o.kind = free.kind AND o.customer_id = free.customer_id
            RETURNING {string.Join(", ", Columns.Split(", ").Select(column => "o." + column))}
            """, kinds.ToArray(), max, Claim, (skipCustomers ?? new HashSet<string>()).ToArray());
        return claim.List(ToPending).OrderBy(p => p.FirstIngestedAt).ThenBy(p => p.Kind, StringComparer.Ordinal)
            .ThenBy(p => p.CustomerId, StringComparer.Ordinal).ToList();
    });

    public Task AcknowledgeAsync(IReadOnlyList<PendingTrigger> handled, CancellationToken cancellationToken = default)
    {
        if (handled.Count == 0) return Task.CompletedTask;
        // Marked again after it was read (another stamp): that newer data has not been evaluated yet, so the row stays.
        return database.WriteAsync(async (c, _) =>
        {
            await using var delete = c.Command("""
                DELETE FROM trigger_outbox o USING unnest($1::text[], $2::text[], $3::bigint[]) AS h(kind, customer_id, stamp)
                WHERE o.kind = h.kind AND o.customer_id = h.customer_id AND o.stamp = h.stamp
                """, handled.Select(h => h.Kind).ToArray(), handled.Select(h => h.CustomerId).ToArray(), handled.Select(h => h.Stamp).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<int> DiscardAsync(IReadOnlyCollection<string> keep, DateTime createdBefore, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, _) =>
        {
            await using var delete = c.Command("DELETE FROM trigger_outbox WHERE NOT (kind = ANY($1)) AND first_at < $2", keep.ToArray(), createdBefore);
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public IReadOnlyList<TriggerBacklog> Backlog(IReadOnlyCollection<string> kinds) => database.Read(c =>
    {
        var found = c.Command("SELECT kind, count(*), min(first_at) FROM trigger_outbox WHERE kind = ANY($1) GROUP BY kind", kinds.ToArray())
            .List(r => new TriggerBacklog(r.GetString(0), r.GetInt64(1), r.GetFieldValue<DateTime>(2))).ToDictionary(b => b.Kind, StringComparer.Ordinal);
        return kinds.Select(k => found.GetValueOrDefault(k) ?? new TriggerBacklog(k, 0, null)).ToList();
    });

    static PendingTrigger ToPending(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTime>(2), r.GetFieldValue<DateTime>(3), r.GetInt64(4));
}
