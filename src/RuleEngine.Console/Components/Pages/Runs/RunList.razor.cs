using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages.Runs;

/// <summary>"What ran, how did it go?": <c>GET /api/runs</c> with the filters ops and auditors ask by, paged.</summary>
public partial class RunList
{
    internal static readonly string[] Statuses = ["pending", "running", "succeeded", "failed", "cancelled", "interrupted"];
    internal static readonly string[] Triggers = ["schedule", "manual", "rerun", "event"];

    [Inject] private RuleEngineApi Api { get; set; } = default!;
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private List<string> ruleNames = [];
    private List<RunView>? runs;
    private string? nextCursor, problem;
    private string rule = "", status = "", trigger = "", actor = "";
    private DateTime? from, to;
    private string startRule = "";
    private bool startDry;

    private RolePermissions Permissions => RolePermissions.For(Session.Role);

    protected override async Task OnInitializedAsync()
    {
        ruleNames = (await Api.RulesAsync()).Value?.Select(r => r.Name).Order(StringComparer.Ordinal).ToList() ?? [];
        await SearchAsync();
    }

    private RunFilter Filter => new(rule, status, trigger, actor, from, to?.AddDays(1));

    private async Task SearchAsync()
    {
        var answer = await Api.RunsAsync(Filter, null);
        runs = answer.Value?.Items ?? [];
        nextCursor = answer.Value?.NextCursor;
        problem = answer.Problem?.ToString();
    }

    private async Task MoreAsync()
    {
        var answer = await Api.RunsAsync(Filter, nextCursor);
        runs!.AddRange(answer.Value?.Items ?? []);
        nextCursor = answer.Value?.NextCursor;
        problem = answer.Problem?.ToString();
    }

    /// <summary>Ops start a run (or dry run) of the live version here and watch it on its page.</summary>
    private async Task StartAsync()
    {
        var answer = await Api.TriggerRunAsync(startRule, startDry);
        if (answer.Value is { } accepted) Navigation.NavigateTo($"runs/{Uri.EscapeDataString(accepted.Id)}");
        else problem = answer.Problem?.ToString();
    }

    internal static string Progress(RunView run) =>
        run.Progress is { } p ? $"{p.Processed:N0} / {(p.Total is { } t ? t.ToString("N0") : "?")}" : "—";

    internal static string Duration(RunView run) =>
        run is { StartedAt: { } start, FinishedAt: { } end } ? Human(end - start) : run.StartedAt is not null ? "running" : "—";

    internal static string Human(TimeSpan span) => span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.0} s" : span.TotalMinutes < 60 ? $"{span.TotalMinutes:0.0} min" : $"{span.TotalHours:0.0} h";
}
