using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>Two versions side by side (old left, new right), from the hunks of <c>GET /api/rules/{name}/diff</c>.</summary>
public partial class DiffView
{
    [Parameter, EditorRequired] public RuleDiff Diff { get; set; } = default!;

    private static string Short(string? hash) => hash is null ? "(none)" : hash.Length > 12 ? hash[..8] : hash;

    private static string RowClass(SideBySide.RowKind kind, bool left) => kind switch
    {
        SideBySide.RowKind.Changed => left ? "del" : "ins",
        SideBySide.RowKind.Deleted => left ? "del" : "empty",
        SideBySide.RowKind.Inserted => left ? "empty" : "ins",
        _ => "same",
    };
}
