using System.Collections.Concurrent;
using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Triggers;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Customers' profiles. An upsert keeps the <see cref="ActivityCache"/>'s held profiles exact, as order ingest keeps their orders.</summary>
public sealed class LiteDbCustomerStore(LiteDatabase database, LiteDbWriter writer, ActivityCache? cache = null) : ICustomerStore
{
    // Customers are never deleted, so an id once seen stays valid: checking orders against this set
    // instead of the file keeps ingest of millions of orders fast. Bounded; cleared when full.
    private const int MaxKnownIds = 1_000_000;
    private readonly ConcurrentDictionary<string, byte> _knownIds = new(StringComparer.Ordinal);

    private ILiteCollection<BsonDocument> Customers => database.GetCollection(LiteDbCollections.Customers);

    public Customer? Find(string id) => Customers.FindById(id) is { } document ? InputBson.ToCustomer(document) : null;

    public IReadOnlySet<string> FindMissing(IReadOnlyCollection<string> ids)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (_knownIds.ContainsKey(id)) continue;
            if (Customers.Exists(LiteDbQuery.Equal("_id", id))) Remember(id);
            else missing.Add(id);
        }
        return missing;
    }

    public long Count() => Customers.LongCount();

    public Task UpsertAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default) => UpsertAsync(customers, null, cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<Customer> customers, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken)
    {
        var documents = customers.Select(InputBson.ToBson).ToList();
        var ids = cache is null ? [] : customers.Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        // What a read of the file will give (UTC, milliseconds): the cache's profiles must equal it exactly.
        var stored = cache is null ? [] : documents.Select(d => InputBson.ToCustomer(BsonSerializer.Deserialize(BsonSerializer.Serialize(d), utcDate: true))).ToList();
        await writer.WriteAsync(db =>
        {
            if (cache is not null)
            {
                cache.BeginChange(ids);
                LiteDbWriter.AfterTransaction(committed => cache.EndChange(ids, committed, profiles: stored));
            }
            db.GetCollection(LiteDbCollections.Customers).Upsert(documents);
            if (triggers is { Count: > 0 }) LiteDbTriggerOutbox.Mark(db, triggers);
        }, cancellationToken);
        foreach (var customer in customers) Remember(customer.Id);
    }

    private void Remember(string id)
    {
        if (_knownIds.Count >= MaxKnownIds) _knownIds.Clear();
        _knownIds.TryAdd(id, 0);
    }
}
