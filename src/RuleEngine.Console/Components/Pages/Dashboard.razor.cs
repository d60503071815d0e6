using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages;

/// <summary>
/// The pictures ops and auditors would rather look at than read: segment distributions (<c>GET /api/segments</c>, kept
/// counts), a segment's trend (<c>/api/segments/{kind}/trend</c>), points earned, spent and expired per week
/// (<c>/api/points/trend</c>, day totals kept with the ledger), runs per day by outcome (<c>/api/runs</c>) and open
/// follow-ups by due date (<c>/api/followups</c>).
/// </summary>
public partial class Dashboard
{
    internal static readonly string[] RunSeries = ["succeeded", "failed", "other"];
    internal static readonly string[] FollowUpSeries = ["open"];
    internal static readonly string[] PointsSeries = ["earned", "spent", "expired"];
    const int RunDays = 14, FollowUpDays = 14, MaxPages = 10;

    [Inject] private RuleEngineApi Api { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private Dictionary<string, IReadOnlyList<(string, double)>> distributions = [];
    private string trendKind = "", trendBucket = "week";
    private IReadOnlyList<string> trendSeries = [];
    private IReadOnlyList<(string, IReadOnlyList<double>)> trendColumns = [];
    private IReadOnlyList<(string, IReadOnlyList<double>)> pointsColumns = [];
    private IReadOnlyList<(string, IReadOnlyList<double>)> runColumns = [];
    private IReadOnlyList<(string, IReadOnlyList<double>)> followUpColumns = [];
    private string? problem;

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override async Task OnInitializedAsync()
    {
        var segments = await Api.SegmentsAsync();
        problem = segments.Problem?.ToString();
        distributions = (segments.Value ?? []).GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(string, double)>)g.OrderByDescending(s => s.Members).Select(s => (s.Value, (double)s.Members)).ToList());
        trendKind = distributions.Keys.FirstOrDefault(k => k == "tier") ?? distributions.Keys.FirstOrDefault() ?? "";
        await LoadTrendAsync();
        await LoadPointsAsync();
        await LoadRunsAsync();
        await LoadFollowUpsAsync();
    }

    private async Task LoadTrendAsync()
    {
        if (trendKind.Length == 0) return;
        var answer = await Api.SegmentTrendAsync(trendKind, From(trendBucket), Today, trendBucket);
        problem ??= answer.Problem?.ToString();
        if (answer.Value is not { } trend) return;
        trendSeries = trend.Values;
        trendColumns = trend.Points.Select(p => (p.Start.ToString(trendBucket == "month" ? "yyyy-MM" : "MM-dd"),
            (IReadOnlyList<double>)trend.Values.Select(v => (double)p.Members.GetValueOrDefault(v)).ToList())).ToList();
    }

    private DateOnly From(string bucket) => bucket switch { "day" => Today.AddDays(-29), "month" => Today.AddMonths(-11), _ => Today.AddDays(-7 * 11) };

    private async Task LoadPointsAsync()
    {
        var answer = await Api.PointsTrendAsync(From("week"), Today, "week");
        problem ??= answer.Problem?.ToString();
        pointsColumns = (answer.Value?.Points ?? []).Select(p => (p.Start.ToString("MM-dd"), (IReadOnlyList<double>)[p.Earned, p.Spent, p.Expired])).ToList();
    }

    private async Task LoadRunsAsync()
    {
        var from = Today.AddDays(-(RunDays - 1));
        var runs = new List<RunView>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var answer = await Api.RunsAsync(new RunFilter(From: from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)), cursor, limit: 500);
            problem ??= answer.Problem?.ToString();
            runs.AddRange(answer.Value?.Items ?? []);
            if ((cursor = answer.Value?.NextCursor) is null) break;
        }
        runColumns = Enumerable.Range(0, RunDays).Select(d => from.AddDays(d)).Select(day =>
        {
            var that = runs.Where(r => DateOnly.FromDateTime(r.CreatedAt ?? r.StartedAt ?? r.AsOf) == day).ToList();
            var succeeded = that.Count(r => r.Status == "succeeded");
            var failed = that.Count(r => r.Status is "failed" or "interrupted");
            return (day.ToString("MM-dd"), (IReadOnlyList<double>)[succeeded, failed, that.Count - succeeded - failed]);
        }).ToList();
    }

    private async Task LoadFollowUpsAsync()
    {
        var tasks = new List<FollowUpView>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var answer = await Api.OpenFollowUpsAsync(cursor);
            problem ??= answer.Problem?.ToString();
            tasks.AddRange(answer.Value?.Items ?? []);
            if ((cursor = answer.Value?.NextCursor) is null) break;
        }
        var days = tasks.GroupBy(t => DateOnly.FromDateTime(t.Due)).ToDictionary(g => g.Key, g => g.Count());
        followUpColumns =
        [
            ("overdue", [days.Where(d => d.Key < Today).Sum(d => d.Value)]),
            .. Enumerable.Range(0, FollowUpDays).Select(d => Today.AddDays(d))
                .Select(day => (day.ToString("MM-dd"), (IReadOnlyList<double>)[days.GetValueOrDefault(day)])),
            ("later", [days.Where(d => d.Key >= Today.AddDays(FollowUpDays)).Sum(d => d.Value)]),
        ];
    }
}
