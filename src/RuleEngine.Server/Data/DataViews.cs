using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>GET /api/customers/{id}: the profile plus what rules decided about the customer.</summary>
public sealed record CustomerDetail(
    string Id, string? Name, string? Email, string? Phone, string? Gender, DateOnly? Birthday, string? Region,
    DateTime? JoinedAt, string? Channel, IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, bool> Consent,
    IReadOnlyDictionary<string, string> Segments, IReadOnlyDictionary<string, double> Scores, IReadOnlyList<string> Tags,
    long PointsBalance, IReadOnlyList<FollowUpView> OpenTasks);

public sealed record PointsEntryView(DateTime At, long Delta, PointsEntryType Type, string Reason, string Key, string Rule, string RunId, string? Explanation)
{
    public static PointsEntryView From(PointsEntry p) => new(p.Source.At, p.Delta, p.Type, p.Reason, p.Key, p.Source.Rule, p.Source.RunId, p.Explanation);
}

/// <summary>A customer's ledger page and the balance over the whole ledger.</summary>
public sealed record PointsLedgerView(long Balance, IReadOnlyList<PointsEntryView> Items, string? NextCursor);

public sealed record FollowUpView(
    string Id, string CustomerId, DateTime Due, string Channel, string? Note, FollowUpStatus Status, string? Outcome,
    string? Assignee, FollowUpPriority Priority, string Key, string Rule, string RuleVersionHash, string RunId,
    string? Explanation, DateTime CreatedAt, DateTime? CompletedAt)
{
    public static FollowUpView From(FollowUpTask t) => new(
        t.Id, t.CustomerId, t.Due, t.Channel, t.Note, t.Status, t.Outcome, t.Assignee, t.Priority, t.Key,
        t.Source.Rule, t.Source.RuleVersionHash, t.Source.RunId, t.Explanation, t.CreatedAt, t.CompletedAt);
}

/// <summary>PATCH /api/followups/{id}: <c>status</c> is open, done or cancelled.</summary>
public sealed record FollowUpPatch(string? Status, string? Outcome);

internal static class CustomerDetails
{
    public static CustomerDetail Of(CustomerStanding standing, PersonalDataAccess personal)
    {
        var c = standing.Customer;
        return new(
            c.Id, personal.Name(c.Name), personal.Email(c.Email), personal.Phone(c.Phone), c.Gender, personal.Birthday(c.Birthday), c.Region, c.JoinedAt, c.Channel, c.Attributes, c.Consent,
            // In kind order, whichever order storage found them in: the same answer from every backend.
            standing.Segments.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(),
            standing.Scores.OrderBy(s => s.Name, StringComparer.Ordinal).ToDictionary(s => s.Name, s => s.Value),
            // Tags loaded with the profile and tags rules set, as one set.
            c.Tags.Concat(standing.Tags.Select(t => t.Tag)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            standing.PointsBalance, standing.OpenTasks.Select(FollowUpView.From).ToList());
    }
}
