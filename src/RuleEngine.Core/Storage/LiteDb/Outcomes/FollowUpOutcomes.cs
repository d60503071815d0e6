using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb.Outcomes;

internal static class FollowUpOutcomes
{
    /// <summary>Creates the task unless this rule already created one with the same key for the customer (whatever its status now).</summary>
    public static bool Plan(StagedDocuments documents, FollowUpRequest request, OutcomeSource source) =>
        documents.InsertIfMissing(LiteDbCollections.FollowUps, FollowUpBson.ToBson(new FollowUpTask
        {
            Id = OutcomeKeys.For(source.Rule, request.CustomerId, request.Key), CustomerId = request.CustomerId, Due = request.Due,
            Channel = request.Channel, Note = request.Note, Priority = request.Priority, Assignee = request.Assignee, Key = request.Key,
            Source = source, Explanation = request.Explanation, CreatedAt = source.At,
        }));

    /// <summary>Cancels the rule's task if it is still open; done tasks keep their outcome.</summary>
    public static bool Plan(StagedDocuments documents, FollowUpCancellation cancellation, OutcomeSource source)
    {
        var document = documents.FindById(LiteDbCollections.FollowUps, OutcomeKeys.For(source.Rule, cancellation.CustomerId, cancellation.Key));
        if (document is null) return false;
        var task = FollowUpBson.ToTask(document);
        if (task.Status != FollowUpStatus.Open) return false;
        documents.Update(LiteDbCollections.FollowUps, FollowUpBson.ToBson(task with
        {
            Status = FollowUpStatus.Cancelled, Outcome = cancellation.Reason ?? task.Outcome, CompletedAt = source.At,
        }));
        return true;
    }
}
