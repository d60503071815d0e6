using System.Text.Json;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Turns a real customer, as a rule saw them at a run's clock (profile, orders and events cut at the as-of time, the
/// state rules had left), and the outcomes a version asked for into a given/expect case: regression cases from real data.
/// Times are written as absolute <c>at</c> values, so the case means the same whatever day it is run.
/// </summary>
public static class TestCaseCapture
{
    public static RuleTestCase Build(string name, string rule, CustomerData data, CustomerState state, DateTime now,
        IReadOnlyDictionary<string, string> parameters, IReadOnlyList<RuleOutcome> outcomes) => new()
    {
        Name = name,
        Now = now,
        Customer = Customer(data.Customer),
        Orders = data.Orders.Select(o => new TestOrder
        {
            Id = o.Id, Amount = o.Amount, At = o.At, Channel = o.Channel,
            Status = o.Status == OrderStatus.Refunded ? "refunded" : "paid", RefundedAt = o.RefundedAt,
        }).ToList(),
        Events = data.Events.Select(e => new TestEvent
        {
            Id = e.Id, Type = e.Type, At = e.At,
            Properties = e.Properties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)),
        }).ToList(),
        State = State(state, rule),
        Parameters = parameters,
        Expect = outcomes.Select(Expectation).ToList(),
    };

    static TestCustomer Customer(Customer c) => new()
    {
        Id = c.Id, Gender = c.Gender, Birthday = c.Birthday, Region = c.Region, Email = c.Email, Phone = c.Phone,
        JoinedAt = c.JoinedAt, Channel = c.Channel, Tags = c.Tags, Attributes = c.Attributes, Consent = c.Consent,
    };

    static TestState? State(CustomerState s, string rule)
    {
        if (s.Segments.Count + s.Scores.Count + s.RuleTags.Count + s.Ledger.Count + s.OpenTasks.Count == 0) return null;
        return new TestState
        {
            Segments = s.Segments, Scores = s.Scores, Tags = s.RuleTags.Order(StringComparer.Ordinal).ToList(),
            Ledger = s.Ledger.Select(e => new TestLedgerEntry
            {
                Key = e.Key, Delta = e.Delta, Type = e.Type.ToString().ToLowerInvariant(), At = e.Source.At,
                Rule = e.Source.Rule == rule ? null : e.Source.Rule,
            }).ToList(),
            OpenTasks = s.OpenTasks.Select(t => new TestOpenTask
            {
                Key = t.Key, Due = t.Due, Channel = t.Channel, At = t.CreatedAt, Rule = t.Source.Rule == rule ? null : t.Source.Rule,
            }).ToList(),
        };
    }

    /// <summary>The whole explanation is expected: <c>because</c> matches text it contains, so a changed reason shows.</summary>
    static TestExpectation Expectation(RuleOutcome outcome) => outcome switch
    {
        SegmentOutcome s => new() { Segment = s.Kind, Value = s.Value, Because = s.Because },
        ScoreOutcome s => new() { Score = s.Name, Is = s.Value, Tolerance = 1e-9, Because = s.Because },
        PointsOutcome p => new() { Points = p.Delta, Key = p.ReasonKey, Type = p.Type.ToString().ToLowerInvariant(), Because = p.Because },
        TaskOutcome t => new()
        {
            Task = t.Key, Due = t.Due, Channel = t.Channel, Priority = t.Priority.ToString().ToLowerInvariant(), Because = t.Because,
        },
        CancelTaskOutcome c => new() { Cancel = c.Key, Because = c.Because },
        TagOutcome { Add: true } t => new() { Tag = t.Tag, Because = t.Because },
        TagOutcome t => new() { Untag = t.Tag, Because = t.Because },
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown outcome type."),
    };
}
