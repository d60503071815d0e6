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

    public static string SortKey(Run run) => SortKeys.Run(run);

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

    public static BsonDocument ToBson(RunOutcomeRecord o)
    {
        var document = new BsonDocument
        {
            ["_id"] = LineId(o.RunId, o.Sequence), ["RunId"] = o.RunId, ["Sequence"] = o.Sequence, ["CustomerId"] = o.CustomerId,
            ["Type"] = o.Type, ["Target"] = o.Target, ["From"] = o.From, ["To"] = o.To, ["Because"] = o.Because,
        };
        // Only a preview's records compare two versions; other runs' records stay as small as before (a missing field reads as null).
        if (o.Live is not null) document["Live"] = o.Live;
        if (o.Draft is not null) document["Draft"] = o.Draft;
        if (o.LiveBecause is not null) document["LiveBecause"] = o.LiveBecause;
        if (o.DraftBecause is not null) document["DraftBecause"] = o.DraftBecause;
        return document;
    }

    public static RunOutcomeRecord ToOutcome(BsonDocument d) => new(
        d["RunId"].AsString, d["Sequence"].AsInt64, d["CustomerId"].AsString, d["Type"].AsString, d["Target"].AsString,
        StringOrNull(d["From"]), StringOrNull(d["To"]), StringOrNull(d["Because"]),
        StringOrNull(d["Live"]), StringOrNull(d["Draft"]), StringOrNull(d["LiveBecause"]), StringOrNull(d["DraftBecause"]));

    static string? StringOrNull(BsonValue value) => value.IsNull ? null : value.AsString;
}
