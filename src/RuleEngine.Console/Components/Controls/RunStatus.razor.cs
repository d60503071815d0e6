using System.Text.Json;
using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>A dry or real run started from the editor: status, progress and what it did (or would do).</summary>
public partial class RunStatus
{
    [Parameter] public RunView? Run { get; set; }
    [Parameter] public string? Problem { get; set; }

    private IReadOnlyList<(string Name, string Value)> Counts =>
        Run?.Counts is { ValueKind: JsonValueKind.Object } counts
            ? counts.EnumerateObject().Select(p => (p.Name, Json.Show(p.Value) ?? "")).ToList()
            : [];
}
