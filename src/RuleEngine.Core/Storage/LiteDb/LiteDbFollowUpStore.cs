using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

public sealed class LiteDbFollowUpStore(LiteDatabase database, LiteDbWriter writer) : IFollowUpStore
{
    public FollowUpTask? Find(string id) =>
        database.GetCollection(LiteDbCollections.FollowUps).FindById(id) is { } document ? FollowUpBson.ToTask(document) : null;

    public Page<FollowUpTask> List(FollowUpQuery query, PageRequest page)
    {
        var filters = new List<BsonExpression>();
        if (PageCursor.Decode(page.Cursor) is { } after) filters.Add(LiteDbQuery.After("DueKey", after));
        if (query.Status is { } status) filters.Add(LiteDbQuery.Equal("Status", BsonValues.Of(status)));
        if (query.DueBefore is { } dueBefore) filters.Add(LiteDbQuery.Before("Due", dueBefore));
        if (query.CustomerId is { } customerId) filters.Add(LiteDbQuery.Equal("CustomerId", customerId));
        var q = database.GetCollection(LiteDbCollections.FollowUps).Query();
        foreach (var filter in filters) q = q.Where(filter);
        var tasks = q.OrderBy("DueKey").Limit(page.SafeLimit + 1).ToEnumerable().Select(FollowUpBson.ToTask).ToList();
        return PageCursor.ToPage(tasks, page.SafeLimit, t => FollowUpBson.DueKey(t.Due, t.Id));
    }

    public IReadOnlyList<FollowUpTask> ForCustomers(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : database.GetCollection(LiteDbCollections.FollowUps).Find(LiteDbQuery.In("CustomerId", customerIds))
            .OrderBy(d => d["DueKey"].AsString, StringComparer.Ordinal).Select(FollowUpBson.ToTask).ToList();

    public Task<FollowUpTask?> UpdateStatusAsync(string id, FollowUpStatus status, string? outcome, CancellationToken cancellationToken = default)
    {
        var now = DateTime.UtcNow;
        return writer.WriteAsync(db =>
        {
            var tasks = db.GetCollection(LiteDbCollections.FollowUps);
            if (tasks.FindById(id) is not { } document) return null;
            var task = FollowUpBson.ToTask(document);
            var updated = task with
            {
                Status = status,
                Outcome = outcome ?? task.Outcome,
                CompletedAt = status == FollowUpStatus.Open ? null : task.CompletedAt ?? now,
            };
            tasks.Update(FollowUpBson.ToBson(updated));
            return (FollowUpTask?)updated;
        }, cancellationToken);
    }
}
