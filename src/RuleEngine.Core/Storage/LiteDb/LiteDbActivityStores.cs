using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

public sealed class LiteDbOrderStore(LiteDatabase database, LiteDbWriter writer) : IOrderStore
{
    public IReadOnlyList<Order> ForCustomer(string customerId) =>
        database.GetCollection(LiteDbCollections.Orders).Find(Query.EQ("CustomerId", customerId))
            .Select(InputBson.ToOrder).OrderBy(o => o.At).ToList();

    public Task UpsertAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken = default)
    {
        var documents = orders.Select(InputBson.ToBson).ToList();
        return writer.WriteAsync(db => db.GetCollection(LiteDbCollections.Orders).Upsert(documents), cancellationToken);
    }
}

public sealed class LiteDbEventStore(LiteDatabase database, LiteDbWriter writer) : IEventStore
{
    public IReadOnlyList<InteractionEvent> ForCustomer(string customerId) =>
        database.GetCollection(LiteDbCollections.Events).Find(Query.EQ("CustomerId", customerId))
            .Select(InputBson.ToEvent).OrderBy(e => e.At).ToList();

    public Task UpsertAsync(IReadOnlyList<InteractionEvent> events, CancellationToken cancellationToken = default)
    {
        var documents = events.Select(InputBson.ToBson).ToList();
        return writer.WriteAsync(db => db.GetCollection(LiteDbCollections.Events).Upsert(documents), cancellationToken);
    }
}
