using System.Globalization;
using LiteDB;
using RuleEngine.Triggers;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// The trigger outbox in LiteDB: one small document per customer and trigger kind (id "kind|customerId"), upserted by
/// the ingest write that caused it, so a customer with a hundred new orders is one entry. <c>Queue</c> =
/// "kind|first-ingest ticks|customerId" orders a kind's entries by how long they wait; it is set when the entry is
/// created and kept while it is marked again, so a busy customer is not pushed back for ever.
/// </summary>
public sealed class LiteDbTriggerOutbox(LiteDatabase database, LiteDbWriter writer) : ITriggerOutbox
{
    ILiteCollection<BsonDocument> Entries => database.GetCollection(LiteDbCollections.TriggerOutbox);

    /// <summary>Records the marks; called on the writer thread inside the transaction that stores the data they are for.</summary>
    internal static void Mark(LiteDatabase db, IReadOnlyList<TriggerMark> marks)
    {
        var entries = db.GetCollection(LiteDbCollections.TriggerOutbox);
        var known = LiteDbOutboxMarks.For(db);
        var now = DateTime.UtcNow;
        var added = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var mark in marks)
        {
            var id = $"{mark.Kind}|{mark.CustomerId}";
            // Waiting already, with an event as early: only the mark's commit number changes, and that is kept in memory.
            if (known.TryGet(id, out var waiting) && waiting.EarliestEventAt <= mark.EventAt)
            {
                known.Marked(id, waiting.EarliestEventAt);
                continue;
            }
            if (entries.FindById(id) is { } existing)
            {
                var earliest = existing["EventAt"].AsDateTime;
                if (mark.EventAt < earliest)
                {
                    existing["EventAt"] = earliest = mark.EventAt;
                    entries.Update(existing);
                }
                known.Marked(id, earliest);
                continue;
            }
            entries.Insert(new BsonDocument
            {
                ["_id"] = id, ["CustomerId"] = mark.CustomerId, ["Kind"] = mark.Kind, ["EventAt"] = mark.EventAt, ["FirstAt"] = now,
                ["Queue"] = $"{mark.Kind}|{now.Ticks.ToString("D19", CultureInfo.InvariantCulture)}|{mark.CustomerId}",
            });
            known.Marked(id, mark.EventAt);
            added[mark.Kind] = added.GetValueOrDefault(mark.Kind) + 1;
        }
        LiteDbOutboxCounts.For(db).Changed(added);
    }

    /// <summary>Each entry's <see cref="PendingTrigger.Stamp"/> is the read's token (<see cref="LiteDbOutboxMarks.ReadToken"/>).</summary>
    public IReadOnlyList<PendingTrigger> Oldest(IReadOnlyCollection<string> kinds, int max, IReadOnlySet<string>? skipCustomers = null)
    {
        var token = LiteDbOutboxMarks.For(database).ReadToken; // taken before the read: a mark committed meanwhile counts as after it
        IEnumerable<BsonDocument> Waiting(string kind)
        {
            var range = LiteDbQuery.Inside("Queue", kind + "|", kind + "|~");
            if (skipCustomers is not { Count: > 0 }) return Entries.Find(range, limit: max);
            // The skipped customers' entries are the oldest (they stay until their batch acknowledges them): read past them.
            return Entries.Find(range, limit: max + skipCustomers.Count).Where(d => !skipCustomers.Contains(d["CustomerId"].AsString)).Take(max);
        }
        return kinds.SelectMany(Waiting).Select(d => ToPending(d, token)).OrderBy(p => p.FirstIngestedAt).Take(max).ToList();
    }

    public Task AcknowledgeAsync(IReadOnlyList<PendingTrigger> handled, CancellationToken cancellationToken = default)
    {
        if (handled.Count == 0) return Task.CompletedTask;
        return writer.WriteAsync(db =>
        {
            var entries = db.GetCollection(LiteDbCollections.TriggerOutbox);
            var known = LiteDbOutboxMarks.For(db);
            var removed = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var entry in handled)
            {
                var id = $"{entry.Kind}|{entry.CustomerId}";
                // Marked again after it was read: that newer data has not been evaluated yet, so the entry stays.
                if (known.MarkedAfter(id, entry.Stamp) || !entries.Delete(id)) continue;
                known.Removed(id);
                removed[entry.Kind] = removed.GetValueOrDefault(entry.Kind) - 1;
            }
            LiteDbOutboxCounts.For(db).Changed(removed);
        }, cancellationToken);
    }

    public Task<int> DiscardAsync(IReadOnlyCollection<string> keep, DateTime createdBefore, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(db =>
        {
            var entries = db.GetCollection(LiteDbCollections.TriggerOutbox);
            var deleted = 0;
            var removed = new Dictionary<string, long>(StringComparer.Ordinal);
            var after = "";
            // One index seek per kind present: the queue key starts with the kind.
            while (entries.Find(LiteDbQuery.After("Queue", after), limit: 1).FirstOrDefault() is { } first)
            {
                var kind = first["Kind"].AsString;
                if (!keep.Contains(kind))
                {
                    var gone = entries.DeleteMany(LiteDbQuery.Inside("Queue", kind + "|", $"{kind}|{createdBefore.Ticks.ToString("D19", CultureInfo.InvariantCulture)}"));
                    deleted += gone;
                    removed[kind] = -gone;
                }
                after = kind + "|~";
            }
            LiteDbOutboxCounts.For(db).Changed(removed);
            if (deleted > 0) LiteDbOutboxMarks.For(db).ForgetAll();
            return deleted;
        }, cancellationToken);

    /// <summary>The counts from memory (<see cref="LiteDbOutboxCounts"/>); each kind's oldest entry is one index seek.</summary>
    public IReadOnlyList<TriggerBacklog> Backlog(IReadOnlyCollection<string> kinds)
    {
        var counts = LiteDbOutboxCounts.For(database);
        counts.CountSoon(writer);
        return kinds.Select(kind =>
        {
            var range = LiteDbQuery.Inside("Queue", kind + "|", kind + "|~");
            var oldest = Entries.Find(range, limit: 1).Select(d => ToPending(d, 0)).FirstOrDefault();
            // Until the first count is in: by streaming the range (the gate is taken per 128 entries), not with LiteDB's
            // COUNT, which scans the whole backlog inside one engine call.
            var count = oldest is null ? 0 : counts.Of(kind) ?? Entries.Find(range).LongCount();
            return new TriggerBacklog(kind, count, oldest?.FirstIngestedAt);
        }).ToList();
    }

    static PendingTrigger ToPending(BsonDocument d, long token) => new(
        d["CustomerId"].AsString, d["Kind"].AsString, d["EventAt"].AsDateTime.ToUniversalTime(), d["FirstAt"].AsDateTime.ToUniversalTime(), token);
}
