using Microsoft.AspNetCore.Components;

namespace RuleEngine.Console.Components.Controls;

/// <summary>
/// One column per bucket, stacked by series (parts of a whole: members per tier per week, runs per day by outcome) or,
/// when <see cref="Grouped"/>, side by side (separate flows: points earned, spent and expired per week).
/// </summary>
public partial class ColumnChart
{
    const double Width = 560, Height = 160, Gap = 2;

    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<string> Series { get; set; } = [];
    /// <summary>Each column's values, in <see cref="Series"/> order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<(string Label, IReadOnlyList<double> Values)> Columns { get; set; } = [];

    [Parameter] public bool Grouped { get; set; }

    private double Max => Columns.Count == 0 ? 0 : Columns.Max(c => Grouped ? c.Values.DefaultIfEmpty(0).Max() : c.Values.Sum());
    private double BarWidth => (Step - 2 * Gap) / (Grouped ? Math.Max(1, Series.Count) : 1);
    private double Step => Width / Math.Max(1, Columns.Count);
    private int LabelEvery => Math.Max(1, (int)Math.Ceiling(Columns.Count / 8.0));
}
