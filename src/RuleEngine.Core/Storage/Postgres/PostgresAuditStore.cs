using System.Globalization;
using Npgsql;
using RuleEngine.Audit;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// The audit chain as a table keyed by sequence number, so the chain's order is the primary key's. An append takes the
/// chain's lock for the rest of its transaction, reads the head and inserts the next link: two nodes can never attach
/// two entries to one head. The entry is kept whole (the fields its hash covers) in <c>body</c>; the key is its position.
/// </summary>
public sealed class PostgresAuditStore(PostgresDatabase database) : IAuditStore
{
    const int ChainPageSize = 1000;

    public Task<AuditEntry> AppendAsync(Func<AuditLink, AuditEntry> seal, CancellationToken cancellationToken = default) =>
        database.WriteAsync((c, _) => AppendInAsync(c, seal, cancellationToken), cancellationToken);

    /// <summary>Appends inside the caller's transaction.</summary>
    internal static async Task<AuditEntry> AppendInAsync(NpgsqlConnection c, Func<AuditLink, AuditEntry> seal, CancellationToken ct)
    {
        await PostgresLocks.OneAsync(c, PostgresLocks.AuditHead, ct);
        var head = (await c.Command("SELECT sequence, body FROM audit ORDER BY sequence DESC LIMIT 1")
            .ListAsync(r => (Position: r.GetInt64(0), Entry: PostgresSql.FromBody<AuditEntry>(r, 1)), ct)).FirstOrDefault();
        var link = head.Entry is null ? new AuditLink(1, AuditHash.Genesis) : new AuditLink(head.Position + 1, head.Entry.Hash);
        var entry = seal(link);
        if (entry.Sequence != link.Sequence || entry.PreviousHash != link.PreviousHash)
            throw new InvalidOperationException("An audit entry must attach to the link it was given.");
        await using var insert = c.Command("INSERT INTO audit (sequence, at, type, actor, rule, body) VALUES ($1, $2, $3, $4, $5, $6)",
            entry.Sequence, entry.At, entry.Type, entry.Actor, entry.Rule, PostgresSql.Body(entry));
        await insert.ExecuteNonQueryAsync(ct);
        return entry;
    }

    public Page<AuditEntry> List(AuditQuery query, PageRequest page)
    {
        var filter = Filter(query);
        if (PageCursor.Decode(page.Cursor) is { } after)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var afterSequence))
                throw new FormatException($"The cursor '{page.Cursor}' is not one this server returned.");
            filter.Add("sequence >", afterSequence);
        }
        var sql = $"SELECT body FROM audit {filter.Where} ORDER BY sequence LIMIT {filter.Parameter(page.SafeLimit + 1)}";
        var items = database.Read(c => c.Command(sql, [.. filter.Values]).List(r => PostgresSql.FromBody<AuditEntry>(r, 0)));
        return PageCursor.ToPage(items, page.SafeLimit, e => e.Sequence.ToString(CultureInfo.InvariantCulture));
    }

    public AuditEntry? Last(AuditQuery query)
    {
        var filter = Filter(query);
        return database.Read(c => c.Command($"SELECT body FROM audit {filter.Where} ORDER BY sequence DESC LIMIT 1", [.. filter.Values])
            .List(r => PostgresSql.FromBody<AuditEntry>(r, 0))).FirstOrDefault();
    }

    public AuditEntry? Find(long sequence) => database.Read(c =>
        c.Command("SELECT body FROM audit WHERE sequence = $1", sequence).List(r => PostgresSql.FromBody<AuditEntry>(r, 0))).FirstOrDefault();

    public IEnumerable<(long Position, AuditEntry Entry)> ReadChain()
    {
        // A page per query keeps each read short.
        long after = 0;
        while (true)
        {
            var page = database.Read(c => c.Command("SELECT sequence, body FROM audit WHERE sequence > $1 ORDER BY sequence LIMIT $2", after, ChainPageSize)
                .List(r => (r.GetInt64(0), PostgresSql.FromBody<AuditEntry>(r, 1))));
            foreach (var entry in page) yield return entry;
            if (page.Count < ChainPageSize) yield break;
            after = page[^1].Item1;
        }
    }

    static SqlFilter Filter(AuditQuery query)
    {
        var filter = new SqlFilter();
        if (query.Type is not null) filter.Add("type =", query.Type);
        if (query.Actor is not null) filter.Add("actor =", query.Actor);
        if (query.Rule is not null) filter.Add("rule =", query.Rule);
        if (query.From is { } from) filter.Add("at >=", from);
        if (query.To is { } to) filter.Add("at <", to);
        return filter;
    }
}
