using Microsoft.AspNetCore.Components;

namespace RuleEngine.Console.Components.Controls;

/// <summary>A horizontal bar per (label, value): segment distributions, counts per category.</summary>
public partial class BarChart
{
    const double Width = 480, LabelWidth = 120, ValueWidth = 60, Row = 22;

    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<(string Label, double Value)> Items { get; set; } = [];

    private double Max => Items.Count == 0 ? 0 : Items.Max(i => i.Value);
    private double Height => Math.Max(Row, Items.Count * Row);
}
