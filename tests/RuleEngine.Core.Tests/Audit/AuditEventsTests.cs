using RuleEngine.Audit;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Security;

namespace RuleEngine.Tests.Audit;

public class AuditEventsTests
{
    static readonly DateTime At = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    static string DetailsOf(AuditEvent e) => System.Text.Json.JsonSerializer.Serialize(e.Details);

    [Fact]
    public void A_task_update_keeps_statuses_and_ids_but_never_the_outcome_text()
    {
        var before = new FollowUpTask
        {
            Id = "t1", CustomerId = "c42", Due = At, Channel = "phone", Note = "Call Anna Schmidt", Key = "k",
            Source = new OutcomeSource { Rule = "winback", RuleVersionHash = "h", RunId = "r", At = At }, CreatedAt = At,
        };
        var after = before with { Status = FollowUpStatus.Done, Outcome = "Reached Anna on +49 170 1234567, anna@example.com" };

        var e = AuditEvents.TaskUpdated(before, after, "test-ops");
        var text = e.Summary + DetailsOf(e);

        Assert.Equal(("winback", "t1"), (e.Rule, e.Subject));
        Assert.Contains("c42", text);
        Assert.DoesNotContain("Anna", text);
        Assert.DoesNotContain("1234567", text);
        Assert.DoesNotContain("example.com", text);
    }

    [Fact]
    public void A_refused_unknown_key_is_recorded_by_fingerprint()
    {
        var refused = new SecurityEvent(SecurityEventKind.UnknownKey, At, null, "ab12cd34", "GET", "/api/runs", "10.0.0.9", "The API key is not known.");

        var e = AuditEvents.KeyRefused(refused);

        Assert.Equal("unknown-key:ab12cd34", e.Actor);
        Assert.Equal(AuditTypes.KeyRefused, e.Type);
        Assert.Equal("GET /api/runs", e.Subject);
    }
}
