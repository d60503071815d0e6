using Microsoft.AspNetCore.Components;

namespace RuleEngine.Console.Components.Controls;

/// <summary>A rule's or run's status as a coloured badge: green for healthy, red for broken, neutral otherwise.</summary>
public partial class StatusBadge
{
    [Parameter, EditorRequired] public string? Status { get; set; }
    [Parameter] public string? Title { get; set; }
    [Parameter] public string? Label { get; set; }

    private string Text => Label ?? Status ?? "—";

    private string Css => Status switch
    {
        "active" or "succeeded" or "passed" or "live" => "badge-ok",
        "invalid" or "failed" or "interrupted" or "errors" => "badge-bad",
        "running" or "pending" or "draft" or "cancelled" => "badge-warn",
        _ => "badge-neutral",
    };
}
