using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Tests.TestSupport;

/// <summary>Builders for test data: only what a test cares about needs saying.</summary>
public static class Some
{
    public static readonly DateTime Time = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    public static Customer Customer(string id = "c1", string? name = "Wang Fang") => new() { Id = id, Name = name };

    public static Order Order(string id, string customerId = "c1", decimal amount = 100m, DateTime? at = null) =>
        new() { Id = id, CustomerId = customerId, Amount = amount, At = at ?? Time };

    public static InteractionEvent Event(string id, string customerId = "c1", string type = EventTypes.SignIn, DateTime? at = null) =>
        new() { Id = id, CustomerId = customerId, Type = type, At = at ?? Time };

    public static OutcomeSource Run(string runId = "run-1", string rule = "value-grade", DateTime? at = null) =>
        new() { Rule = rule, RuleVersionHash = "abc123", RunId = runId, At = at ?? Time };
}
