using Microsoft.AspNetCore.Components;

namespace RuleEngine.Console.Components.Controls;

/// <summary>One column per bucket, stacked by series: members per tier per week, runs per day by outcome.</summary>
public partial class ColumnChart
{
    const double Width = 560, Height = 160, Gap = 2;

    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<string> Series { get; set; } = [];
    /// <summary>Each column's values, in <see cref="Series"/> order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<(string Label, IReadOnlyList<double> Values)> Columns { get; set; } = [];

    private double Max => Columns.Count == 0 ? 0 : Columns.Max(c => c.Values.Sum());
    private double Step => Width / Math.Max(1, Columns.Count);
    private int LabelEvery => Math.Max(1, (int)Math.Ceiling(Columns.Count / 8.0));
}
