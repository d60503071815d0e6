using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>Every kept version of a rule, newest first: diff each against the one before, roll back to a good one.</summary>
public partial class VersionHistory
{
    [Parameter] public IReadOnlyList<RuleVersion> Versions { get; set; } = [];
    [Parameter] public bool CanRollback { get; set; }
    [Parameter] public RuleDiff? Diff { get; set; }
    [Parameter] public string? Problem { get; set; }
    [Parameter] public EventCallback<(string From, string To)> OnDiff { get; set; }
    [Parameter] public EventCallback<RuleVersion> OnRollback { get; set; }

    private static string Short(string hash) => hash[..Math.Min(8, hash.Length)];
}
