using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Triggers;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Records keyed by the caller's id and read by customer, oldest first: orders and events.</summary>
public abstract class LiteDbCustomerRecords<T>(
    LiteDatabase database, LiteDbWriter writer, string collection,
    Func<T, BsonDocument> toBson, Func<BsonDocument, T> fromBson, Func<T, DateTime> timeOf, ActivityCache? cache)
{
    /// <summary>Documents per engine call of an ingest batch: about a millisecond of LiteDB's insert time.</summary>
    const int WriteChunk = 200;

    public IReadOnlyList<T> ForCustomer(string customerId) =>
        database.GetCollection(collection).Find(LiteDbQuery.Equal("CustomerId", customerId)).Select(fromBson).OrderBy(timeOf).ToList();

    public Task UpsertAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default) => UpsertAsync(items, null, cancellationToken);

    public Task UpsertAsync(IReadOnlyList<T> items, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken)
    {
        // Mapped on the caller's thread, so the writer thread only writes.
        var documents = items.Select(toBson).ToList();
        var customers = cache is null ? [] : documents.Select(d => d["CustomerId"].AsString).Distinct(StringComparer.Ordinal).ToList();
        // What a read of the file will give (UTC, milliseconds): the cache's entries must equal it exactly.
        var stored = cache is null ? [] : documents.Select(d => fromBson(BsonSerializer.Deserialize(BsonSerializer.Serialize(d), utcDate: true))).ToList();
        return writer.WriteAsync(db =>
        {
            if (cache is not null)
            {
                cache.BeginChange(customers);
                LiteDbWriter.AfterTransaction(committed => cache.EndChange(customers, committed, stored as IReadOnlyList<Order>, stored as IReadOnlyList<InteractionEvent>));
            }
            // In chunks, so that readers get in between them (one engine call holds the gate until it returns).
            foreach (var chunk in documents.Chunk(WriteChunk))
            {
                db.GetCollection(collection).Upsert(chunk);
                LiteDbFile.EngineOf(db)?.LetReadersIn();
            }
            // Same transaction: the data and its trigger entry commit together or not at all.
            if (triggers is { Count: > 0 }) LiteDbTriggerOutbox.Mark(db, triggers);
        }, cancellationToken);
    }
}

public sealed class LiteDbOrderStore(LiteDatabase database, LiteDbWriter writer, ActivityCache? cache = null)
    : LiteDbCustomerRecords<Order>(database, writer, LiteDbCollections.Orders, InputBson.ToBson, InputBson.ToOrder, o => o.At, cache), IOrderStore;

public sealed class LiteDbEventStore(LiteDatabase database, LiteDbWriter writer, ActivityCache? cache = null)
    : LiteDbCustomerRecords<InteractionEvent>(database, writer, LiteDbCollections.Events, InputBson.ToBson, InputBson.ToEvent, e => e.At, cache), IEventStore;
