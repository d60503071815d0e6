using LiteDB;
using RuleEngine.Domain.Outcomes;
using static RuleEngine.Storage.LiteDb.Bson.BsonValues;

namespace RuleEngine.Storage.LiteDb.Bson;

internal static class FollowUpBson
{
    public static string DueKey(DateTime due, string id) => SortKeys.Due(due, id);

    public static BsonDocument ToBson(FollowUpTask t) => new()
    {
        ["_id"] = t.Id, ["CustomerId"] = t.CustomerId, ["Due"] = t.Due, ["DueKey"] = DueKey(t.Due, t.Id), ["Channel"] = t.Channel,
        ["Note"] = t.Note, ["Status"] = Of(t.Status), ["Outcome"] = t.Outcome, ["Assignee"] = t.Assignee,
        ["Priority"] = Of(t.Priority), ["Key"] = t.Key, ["Source"] = OutcomeBson.ToBson(t.Source), ["Explanation"] = t.Explanation,
        ["CreatedAt"] = t.CreatedAt, ["CompletedAt"] = Of(t.CompletedAt),
    };

    public static FollowUpTask ToTask(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Due = d["Due"].AsDateTime, Channel = d["Channel"].AsString,
        Note = d["Note"].AsString, Status = Enum<FollowUpStatus>(d["Status"]), Outcome = d["Outcome"].AsString,
        Assignee = d["Assignee"].AsString, Priority = Enum<FollowUpPriority>(d["Priority"]), Key = d["Key"].AsString,
        Source = OutcomeBson.ToSource(d["Source"]), Explanation = d["Explanation"].AsString,
        CreatedAt = d["CreatedAt"].AsDateTime, CompletedAt = DateOrNull(d["CompletedAt"]),
    };
}
