using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages;

/// <summary>"Which rules are there, and are they healthy?" — <c>GET /api/rules</c> as a table.</summary>
public partial class RuleList
{
    [Inject] private RuleEngineApi Api { get; set; } = default!;

    private List<RuleSummary>? rules;
    private string? problem;

    protected override async Task OnInitializedAsync()
    {
        var answer = await Api.RulesAsync();
        rules = answer.Value?.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        problem = answer.Problem?.ToString();
    }

    internal static string Short(string? hash) => hash is null ? "—" : hash[..Math.Min(8, hash.Length)];

    private static string TriggersText(RuleSummary rule) =>
        rule.Triggers is { Count: > 0 } t ? "on " + string.Join(", ", t) : "—";

    private static string ScheduleTitle(RuleSummary rule) =>
        rule.Schedule is null ? "" : $"Quartz cron (seconds first), {rule.TimeZone ?? "UTC"}; next {rule.NextFireTime:u}";

    private static string When(RunBrief run) => (run.FinishedAt ?? run.StartedAt) is { } at ? at.ToString("yyyy-MM-dd HH:mm") + " UTC" : "";
}
