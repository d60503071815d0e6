using RulesEngine.Models;

namespace RuleEngine.Benchmarks.Rules;

/// <summary>The same rule set for Microsoft RulesEngine: one workflow per segment kind, one rule per value, first match wins.</summary>
static class RulesEngineWorkflows
{
    const string Spend = "input1.Orders.Where(o => o.Status == 0 && o.At > input1.Since && o.At <= input1.Now).Sum(o => o.Amount)";
    const string Count = "input1.Orders.Where(o => o.Status == 0 && o.At > input1.Since && o.At <= input1.Now).Count()";
    const string Days = "input1.DaysSinceLastOrder";

    public static Workflow[] All() =>
    [
        Workflow("grade", ("A", $"{Spend} >= 8000"), ("B", $"{Spend} >= 2000"), ("C", "true")),
        Workflow("tier", ("diamond", $"{Spend} >= 50000"), ("platinum", $"{Spend} >= 20000"), ("gold", $"{Spend} >= 8000"),
            ("silver", $"{Spend} >= 2000"), ("ordinary", "true")),
        Workflow("lifecycle", ("prospect", $"{Days} == null"), ("lapsed", $"{Days} > 365"), ("at-risk", $"{Days} > 180"),
            ("loyal", $"{Count} >= 6"), ("repeat", $"{Count} >= 2"), ("first-time", "true")),
    ];

    static Workflow Workflow(string name, params (string Value, string Expression)[] rules) => new()
    {
        WorkflowName = name,
        Rules = rules.Select(r => new Rule { RuleName = r.Value, Expression = r.Expression, SuccessEvent = r.Value }).ToList(),
    };
}

/// <summary>The input RulesEngine evaluates: the customer's orders and the run's clock.</summary>
public sealed record RulesEngineInput(IReadOnlyList<RulesEngineOrder> Orders, DateTime Now, DateTime Since, int? DaysSinceLastOrder);

public sealed record RulesEngineOrder(decimal Amount, DateTime At, int Status);
