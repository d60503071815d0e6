using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Tells the <see cref="CustomerStandingCache"/> which customers each write to the engine touches, seen where every
/// write passes (<see cref="SerializedLiteEngine"/>), so no store has to remember to: a profile (the customers' id) or a
/// segment stay, score, rule tag, ledger entry or task (their <c>CustomerId</c>). A write inside the writer's transaction
/// is announced once that transaction ended, before any of its writes is acknowledged (readers between its writes see
/// the state before it); any other write commits within its own call, under the storage lock, so it is announced at
/// once. A delete whose ids do not name the customer, and a write by query, drop every held standing.
/// </summary>
internal sealed class StandingChanges(CustomerStandingCache cache)
{
    static readonly HashSet<string> ByCustomerId = new(StringComparer.Ordinal)
    {
        LiteDbCollections.Segments, LiteDbCollections.Scores, LiteDbCollections.Tags, LiteDbCollections.Points, LiteDbCollections.FollowUps,
    };

    // The customers the writer's open transaction touched so far; announced when it ends.
    [ThreadStatic] static HashSet<string>? t_inTransaction;

    public static bool Watches(string collection) => collection == LiteDbCollections.Customers || ByCustomerId.Contains(collection);

    /// <summary>The documents as they are written, each customer noted on its way to the engine.</summary>
    public IEnumerable<BsonDocument> Writing(string collection, IEnumerable<BsonDocument> documents)
    {
        var field = collection == LiteDbCollections.Customers ? "_id" : "CustomerId";
        foreach (var document in documents)
        {
            if (document[field] is { IsString: true } customerId) Changed(customerId.AsString);
            else ChangedAll();
            yield return document;
        }
    }

    /// <summary>Deleted ids: a customer's own, or a rule tag's "customer|tag"; any other id is not traced to its customer.</summary>
    public void Deleting(string collection, IEnumerable<BsonValue> ids)
    {
        foreach (var id in ids)
        {
            if (!id.IsString) ChangedAll();
            else if (collection == LiteDbCollections.Customers) Changed(id.AsString);
            else if (collection == LiteDbCollections.Tags && id.AsString.IndexOf('|') is > 0 and var bar) Changed(id.AsString[..bar]);
            else ChangedAll();
        }
    }

    /// <summary>A write by query, a dropped or renamed collection, a rebuild: which customers it touched is not known.</summary>
    public void ChangedAll()
    {
        if (LiteDbWriter.InTransaction) LiteDbWriter.AfterTransaction(_ => cache.ChangedAll());
        else cache.ChangedAll();
    }

    void Changed(string customerId)
    {
        if (!LiteDbWriter.InTransaction)
        {
            cache.Changed(customerId);
            return;
        }
        if (t_inTransaction is null)
        {
            var touched = t_inTransaction = new HashSet<string>(StringComparer.Ordinal);
            // Committed or not: a rolled-back transaction changed nothing, and dropping a held standing costs one read.
            LiteDbWriter.AfterTransaction(_ =>
            {
                t_inTransaction = null;
                foreach (var id in touched) cache.Changed(id);
            });
        }
        t_inTransaction.Add(customerId);
    }
}
