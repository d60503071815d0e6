using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>
/// The given/expect cases run against the draft: each passed or failed, a failure with its expected and actual
/// outcome exactly as the server wrote them (full precision, never rounded here).
/// </summary>
public partial class TestPanel
{
    [Parameter] public IReadOnlyList<TestCaseResult>? Results { get; set; }
    [Parameter] public bool Running { get; set; }
    [Parameter] public string? Problem { get; set; }

    private int Failed => Results?.Count(r => !r.Passed) ?? 0;
}
