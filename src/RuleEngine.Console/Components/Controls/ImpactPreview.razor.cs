using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>
/// The draft against the live version over the whole customer base: the move table (from → to, how many customers),
/// points and tasks under each, and sample customers with both explanations side by side.
/// </summary>
public partial class ImpactPreview
{
    [Parameter] public RunView? Run { get; set; }
    [Parameter] public PreviewImpact? Impact { get; set; }
    [Parameter] public string? Problem { get; set; }
    [Parameter] public bool CanCapture { get; set; }
    [Parameter] public string? CaptureMessage { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }
    [Parameter] public EventCallback<PreviewSample> OnCapture { get; set; }
}
