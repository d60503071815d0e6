using System.Text.Json;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// A rule's given/expect tests, as written in <c>rules/&lt;path&gt;/&lt;name&gt;.tests.json</c> (see docs/writing-rules.md,
/// "Testing a rule"). Times are ISO-8601 UTC (<c>at</c>) or relative to the case's <c>now</c> (<c>daysAgo</c>).
/// </summary>
public sealed record RuleTestFile
{
    /// <summary>Used by every case that does not say otherwise.</summary>
    public DateTime? Now { get; init; }
    public required IReadOnlyList<RuleTestCase> Cases { get; init; }
}

/// <summary>One case: a customer and their history (given), and exactly the outcomes the rule must ask for (expect).</summary>
public sealed record RuleTestCase
{
    public required string Name { get; init; }
    /// <summary>The run's clock; defaults to the file's <c>now</c>.</summary>
    public DateTime? Now { get; init; }
    public TestCustomer Customer { get; init; } = new();
    public IReadOnlyList<TestOrder> Orders { get; init; } = [];
    public IReadOnlyList<TestEvent> Events { get; init; } = [];
    /// <summary>What rules decided before this run (segments, scores, tags, ledger, open tasks).</summary>
    public TestState? State { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>The other customers of the run, for relative rules (grades, quintiles); the case's customer is always included.</summary>
    public IReadOnlyList<TestPopulationMember> Population { get; init; } = [];
    /// <summary>Every outcome the rule must ask for, and no other; <c>[]</c> means "no outcome".</summary>
    public IReadOnlyList<TestExpectation>? Expect { get; init; }
}

/// <summary>A point in time: <c>at</c> (UTC) or <c>daysAgo</c> (relative to the case's now; fractions allowed).</summary>
public abstract record TestMoment
{
    public DateTime? At { get; init; }
    public double? DaysAgo { get; init; }

    public DateTime Resolve(DateTime now) => At ?? now.AddDays(-(DaysAgo ?? 0));
}

public sealed record TestCustomer
{
    public string Id { get; init; } = "c1";
    public string? Gender { get; init; }
    public DateOnly? Birthday { get; init; }
    public string? Region { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public DateTime? JoinedAt { get; init; }
    /// <summary>Days before the case's now that the customer joined (instead of <see cref="JoinedAt"/>).</summary>
    public double? JoinedDaysAgo { get; init; }
    public string? Channel { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, bool> Consent { get; init; } = new Dictionary<string, bool>();
}

public sealed record TestOrder : TestMoment
{
    public string? Id { get; init; }
    public decimal Amount { get; init; }
    /// <summary><c>paid</c> (default) or <c>refunded</c>.</summary>
    public string Status { get; init; } = "paid";
    public DateTime? RefundedAt { get; init; }
    public string? Channel { get; init; }
}

public sealed record TestEvent : TestMoment
{
    public string? Id { get; init; }
    public required string Type { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>();
}

public sealed record TestPopulationMember
{
    public string? Id { get; init; }
    public IReadOnlyList<TestOrder> Orders { get; init; } = [];
    /// <summary>Shorthand for one paid order of this amount 30 days before now.</summary>
    public decimal? Spend { get; init; }
}

public sealed record TestState
{
    public IReadOnlyDictionary<string, string> Segments { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<TestLedgerEntry> Ledger { get; init; } = [];
    public IReadOnlyList<TestOpenTask> OpenTasks { get; init; } = [];
}

public sealed record TestLedgerEntry : TestMoment
{
    public required string Key { get; init; }
    public required long Delta { get; init; }
    /// <summary><c>earn</c>, <c>spend</c> or <c>expire</c>; by default earn for a positive delta, spend for a negative one.</summary>
    public string? Type { get; init; }
    /// <summary>The rule that wrote the entry; defaults to the rule under test.</summary>
    public string? Rule { get; init; }
}

public sealed record TestOpenTask : TestMoment
{
    public required string Key { get; init; }
    public DateTime? Due { get; init; }
    public string Channel { get; init; } = "phone";
    public string? Rule { get; init; }
}

/// <summary>
/// One expected outcome; exactly one of <c>segment</c>, <c>score</c>, <c>points</c>, <c>task</c>, <c>cancel</c>,
/// <c>tag</c>, <c>untag</c>, <c>coupon</c>, <c>drawChance</c> says which kind. Other fields narrow the match; fields left out are not checked.
/// </summary>
public sealed record TestExpectation
{
    public string? Segment { get; init; }
    public string? Value { get; init; }
    public string? Score { get; init; }
    /// <summary>The score's expected value (within <see cref="Tolerance"/>).</summary>
    public double? Is { get; init; }
    public double Tolerance { get; init; } = 0.0005;
    /// <summary>Points: positive for an award, negative for a deduction or expiry.</summary>
    public long? Points { get; init; }
    /// <summary>The reason key of points, a coupon or a draw chance.</summary>
    public string? Key { get; init; }
    /// <summary>The points' type: <c>earn</c>, <c>spend</c> or <c>expire</c>.</summary>
    public string? Type { get; init; }
    /// <summary>A task's key.</summary>
    public string? Task { get; init; }
    public DateTime? Due { get; init; }
    public string? Channel { get; init; }
    public string? Priority { get; init; }
    public string? Cancel { get; init; }
    public string? Tag { get; init; }
    public string? Untag { get; init; }
    /// <summary>A coupon's template (<c>key</c> narrows it to a reason key).</summary>
    public string? Coupon { get; init; }
    /// <summary>A draw chance's campaign (<c>key</c> narrows it to a reason key).</summary>
    public string? DrawChance { get; init; }
    /// <summary>Text the outcome's explanation must contain (case-insensitive).</summary>
    public string? Because { get; init; }
}
