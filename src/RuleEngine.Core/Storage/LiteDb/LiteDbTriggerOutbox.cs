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
    // Stamps only need to differ between two marks of one entry; starting from the clock keeps them growing across restarts.
    static long _lastStamp = DateTime.UtcNow.Ticks;

    ILiteCollection<BsonDocument> Entries => database.GetCollection(LiteDbCollections.TriggerOutbox);

    /// <summary>Records the marks; called on the writer thread inside the transaction that stores the data they are for.</summary>
    internal static void Mark(LiteDatabase db, IReadOnlyList<TriggerMark> marks)
    {
        var entries = db.GetCollection(LiteDbCollections.TriggerOutbox);
        var now = DateTime.UtcNow;
        var added = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var mark in marks)
        {
            var id = $"{mark.Kind}|{mark.CustomerId}";
            var stamp = Interlocked.Increment(ref _lastStamp);
            if (entries.FindById(id) is { } existing)
            {
                if (mark.EventAt < existing["EventAt"].AsDateTime) existing["EventAt"] = mark.EventAt;
                existing["Stamp"] = stamp;
                entries.Update(existing);
                continue;
            }
            entries.Insert(new BsonDocument
            {
                ["_id"] = id, ["CustomerId"] = mark.CustomerId, ["Kind"] = mark.Kind, ["EventAt"] = mark.EventAt,
                ["FirstAt"] = now, ["Stamp"] = stamp,
                ["Queue"] = $"{mark.Kind}|{now.Ticks.ToString("D19", CultureInfo.InvariantCulture)}|{mark.CustomerId}",
            });
            added[mark.Kind] = added.GetValueOrDefault(mark.Kind) + 1;
        }
        LiteDbOutboxCounts.For(db).Changed(added);
    }

    public IReadOnlyList<PendingTrigger> Oldest(IReadOnlyCollection<string> kinds, int max) => kinds
        .SelectMany(kind => Entries.Find(LiteDbQuery.Inside("Queue", kind + "|", kind + "|~"), limit: max))
        .Select(ToPending).OrderBy(p => p.FirstIngestedAt).Take(max).ToList();

    public Task AcknowledgeAsync(IReadOnlyList<PendingTrigger> handled, CancellationToken cancellationToken = default)
    {
        if (handled.Count == 0) return Task.CompletedTask;
        return writer.WriteAsync(db =>
        {
            var entries = db.GetCollection(LiteDbCollections.TriggerOutbox);
            var removed = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var entry in handled)
            {
                var id = $"{entry.Kind}|{entry.CustomerId}";
                // Marked again after it was read: that newer data has not been evaluated yet, so the entry stays.
                if (entries.FindById(id) is { } current && current["Stamp"].AsInt64 == entry.Stamp && entries.Delete(id))
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
            var oldest = Entries.Find(range, limit: 1).Select(ToPending).FirstOrDefault();
            // Until the first count is in: by streaming the range (the gate is taken per 128 entries), not with LiteDB's
            // COUNT, which scans the whole backlog inside one engine call.
            var count = oldest is null ? 0 : counts.Of(kind) ?? Entries.Find(range).LongCount();
            return new TriggerBacklog(kind, count, oldest?.FirstIngestedAt);
        }).ToList();
    }

    static PendingTrigger ToPending(BsonDocument d) => new(
        d["CustomerId"].AsString, d["Kind"].AsString, d["EventAt"].AsDateTime.ToUniversalTime(), d["FirstAt"].AsDateTime.ToUniversalTime(), d["Stamp"].AsInt64);
}
