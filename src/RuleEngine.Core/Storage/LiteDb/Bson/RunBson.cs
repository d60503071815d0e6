using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;
using RuleEngine.Runs;

namespace RuleEngine.Storage.LiteDb.Bson;

internal static class RunBson
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Newest first with a stable tie-break: creation ticks, then id.</summary>
    public static string SortKey(Run run) => $"{run.CreatedAt.Ticks.ToString("D19", CultureInfo.InvariantCulture)}|{run.Id}";

    public static BsonDocument ToBson(Run run) => new()
    {
        ["_id"] = run.Id,
        ["Rule"] = run.Rule,
        ["Status"] = BsonValues.Of(run.Status),
        ["CreatedAt"] = run.CreatedAt,
        ["ScheduledFor"] = BsonValues.Of(run.ScheduledFor),
        ["Trigger"] = BsonValues.Of(run.Trigger),
        ["TriggeredBy"] = run.TriggeredBy,
        ["SortKey"] = SortKey(run),
        ["Json"] = JsonSerializer.Serialize(run, Json),
    };

    public static Run ToRun(BsonDocument document) => JsonSerializer.Deserialize<Run>(document["Json"].AsString, Json)!;

    public static string LineId(string runId, long sequence) => $"{runId}|{sequence.ToString("D10", CultureInfo.InvariantCulture)}";

    public static BsonDocument ToBson(RunLogLine line) => new()
    {
        ["_id"] = LineId(line.RunId, line.Sequence), ["RunId"] = line.RunId, ["Sequence"] = line.Sequence, ["At"] = line.At,
        ["Level"] = line.Level, ["Message"] = line.Message, ["CustomerId"] = line.CustomerId,
    };

    public static RunLogLine ToLogLine(BsonDocument d) => new(
        d["RunId"].AsString, d["Sequence"].AsInt64, d["At"].AsDateTime, d["Level"].AsString, d["Message"].AsString,
        d["CustomerId"].IsNull ? null : d["CustomerId"].AsString);

    public static BsonDocument ToBson(RunOutcomeRecord o) => new()
    {
        ["_id"] = LineId(o.RunId, o.Sequence), ["RunId"] = o.RunId, ["Sequence"] = o.Sequence, ["CustomerId"] = o.CustomerId,
        ["Type"] = o.Type, ["Target"] = o.Target, ["From"] = o.From, ["To"] = o.To, ["Because"] = o.Because,
    };

    public static RunOutcomeRecord ToOutcome(BsonDocument d) => new(
        d["RunId"].AsString, d["Sequence"].AsInt64, d["CustomerId"].AsString, d["Type"].AsString, d["Target"].AsString,
        StringOrNull(d["From"]), StringOrNull(d["To"]), StringOrNull(d["Because"]));

    static string? StringOrNull(BsonValue value) => value.IsNull ? null : value.AsString;
}
