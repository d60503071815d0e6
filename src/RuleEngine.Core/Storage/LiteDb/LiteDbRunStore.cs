using LiteDB;
using RuleEngine.Runs;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Runs as documents keyed by run id: the fields that queries filter on, plus the whole run as JSON so the record
/// can grow without migrations. Log lines and outcomes are keyed "runId|sequence" so that a run's lines are one range.
/// Every saved state is published to the run's watchers (<see cref="RunWatch"/>) once it is stored, and kept in the
/// <see cref="RunRecordCache"/> from which single runs are read.
/// </summary>
public sealed class LiteDbRunStore(LiteDatabase database, LiteDbWriter writer, RunWatch? watch = null, RunRecordCache? cache = null) : IRunStore
{
    ILiteCollection<BsonDocument> Runs => database.GetCollection(LiteDbCollections.Runs);

    public async Task SaveAsync(Run run, CancellationToken cancellationToken = default)
    {
        var document = RunBson.ToBson(run);
        await writer.WriteAsync(db =>
        {
            db.GetCollection(LiteDbCollections.Runs).Upsert(document);
            KeepOnCommit(run);
        }, cancellationToken);
        watch?.Publish(run);
    }

    public async Task<bool> TryCreateAsync(Run run, CancellationToken cancellationToken = default)
    {
        var document = RunBson.ToBson(run);
        var created = await writer.WriteAsync(db =>
        {
            var runs = db.GetCollection(LiteDbCollections.Runs);
            if (runs.FindById(run.Id) is not null) return false;
            runs.Insert(document);
            KeepOnCommit(run);
            return true;
        }, cancellationToken);
        if (created) watch?.Publish(run);
        return created;
    }

    public Run? Find(string id)
    {
        if (cache is null) return Runs.FindById(id) is { } found ? RunBson.ToRun(found) : null;
        if (cache.TryGet(id, out var held)) return held;
        var stamp = cache.StampOf(id);
        if (Runs.FindById(id) is not { } document) return null;
        var run = RunBson.ToRun(document);
        cache.Fill(id, stamp, run);
        return run;
    }

    // In commit order, on the writer, before the write is acknowledged (see RunRecordCache).
    void KeepOnCommit(Run run)
    {
        if (cache is not null) LiteDbWriter.AfterTransaction(committed => { if (committed) cache.Stored(run); });
    }

    public Page<Run> List(RunQuery query, PageRequest page)
    {
        var after = PageCursor.Decode(page.Cursor);
        var q = Runs.Query();
        if (query.Rule is not null) q = q.Where("Rule = @0", query.Rule);
        if (query.Status is { } status) q = q.Where("Status = @0", BsonValues.Of(status));
        if (query.Trigger is { } trigger) q = q.Where("Trigger = @0", BsonValues.Of(trigger));
        if (query.Actor is not null) q = q.Where("TriggeredBy = @0", query.Actor);
        if (query.From is { } from) q = q.Where("CreatedAt >= @0", from);
        if (query.To is { } to) q = q.Where("CreatedAt < @0", to);
        if (after is not null) q = q.Where("SortKey < @0", after);
        var items = q.OrderByDescending("SortKey").Limit(page.SafeLimit + 1).ToList().Select(RunBson.ToRun).ToList();
        return PageCursor.ToPage(items, page.SafeLimit, RunBson.SortKey);
    }

    public IReadOnlyList<Run> WithStatus(params RunStatus[] statuses) =>
        Runs.Find(Query.In("Status", statuses.Select(s => BsonValues.Of(s)))).Select(RunBson.ToRun).OrderBy(r => r.CreatedAt).ToList();

    public Run? LastScheduled(string rule) =>
        Runs.Query().Where("Rule = @0 AND ScheduledFor != null", rule).OrderByDescending("ScheduledFor").Limit(1)
            .ToList().Select(RunBson.ToRun).FirstOrDefault();

    public Run? Last(string rule) =>
        Runs.Query().Where("Rule = @0", rule).OrderByDescending("SortKey").Limit(1).ToList().Select(RunBson.ToRun).FirstOrDefault();

    public Task AppendLogAsync(IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken = default)
    {
        if (lines.Count == 0) return Task.CompletedTask;
        var documents = lines.Select(RunBson.ToBson).ToList();
        return writer.WriteAsync(db => db.GetCollection(LiteDbCollections.RunLogs).Upsert(documents), cancellationToken);
    }

    public Page<RunLogLine> Logs(string runId, PageRequest page) =>
        Range(LiteDbCollections.RunLogs, runId, page, RunBson.ToLogLine, l => RunBson.LineId(l.RunId, l.Sequence));

    public Task AppendOutcomesAsync(IReadOnlyList<RunOutcomeRecord> outcomes, CancellationToken cancellationToken = default)
    {
        if (outcomes.Count == 0) return Task.CompletedTask;
        var documents = outcomes.Select(RunBson.ToBson).ToList();
        return writer.WriteAsync(db => db.GetCollection(LiteDbCollections.RunOutcomes).Upsert(documents), cancellationToken);
    }

    public Page<RunOutcomeRecord> Outcomes(string runId, PageRequest page) =>
        Range(LiteDbCollections.RunOutcomes, runId, page, RunBson.ToOutcome, o => RunBson.LineId(o.RunId, o.Sequence));

    /// <summary>One run's records in sequence: ids "runId|0000000001" sort in order, so a page is an _id range.</summary>
    Page<T> Range<T>(string collection, string runId, PageRequest page, Func<BsonDocument, T> map, Func<T, string> keyOf)
    {
        var after = PageCursor.Decode(page.Cursor) ?? $"{runId}|";
        var items = database.GetCollection(collection)
            .Find(LiteDbQuery.Inside("_id", after, $"{runId}|~"), limit: page.SafeLimit + 1)
            .Select(map).ToList();
        return PageCursor.ToPage(items, page.SafeLimit, keyOf);
    }
}
