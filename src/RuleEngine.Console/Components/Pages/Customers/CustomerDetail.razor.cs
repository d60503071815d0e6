using System.Text.Json;
using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages.Customers;

/// <summary>
/// "Why is this customer gold?": the profile (personal data as the server shows it to this role), current segments,
/// scores and points, and the history timeline from <c>GET /api/customers/{id}/history</c>, newest last.
/// </summary>
public partial class CustomerDetail
{
    static readonly string[] ProfileFields = ["name", "email", "phone", "gender", "birthday", "region", "joinedAt", "channel"];

    [Parameter] public string Id { get; set; } = "";
    [Inject] private RuleEngineApi Api { get; set; } = default!;

    private JsonElement? profile;
    private List<HistoryItem> history = [];
    private string? problem;
    private PointsLedger? ledger;

    /// <summary>The open tasks the customer answer lists (due, channel, note, rule).</summary>
    private IReadOnlyList<(string Due, string Channel, string Note, string Rule)> OpenTasks =>
        profile is { } p && Json.Property(p, "openTasks") is { ValueKind: JsonValueKind.Array } tasks
            ? tasks.EnumerateArray().Select(t => (Json.Date(t, "due")?.ToString("yyyy-MM-dd HH:mm") ?? "", Json.Text(t, "channel") ?? "",
                Json.Text(t, "note") ?? "", Json.Text(t, "rule") ?? "")).ToList()
            : [];

    private async Task MoreLedgerAsync()
    {
        var more = await Api.CustomerPointsAsync(Id, ledger?.NextCursor);
        if (more.Value is { } page) ledger = page with { Items = [.. ledger!.Items, .. page.Items] };
        problem ??= more.Problem?.ToString();
    }

    protected override async Task OnParametersSetAsync()
    {
        var answer = await Api.CustomerAsync(Id);
        profile = answer.Value;
        problem = answer.Problem?.ToString();
        if (profile is null) return;
        ledger = (await Api.CustomerPointsAsync(Id, null)).Value;
        var timeline = await Api.CustomerHistoryAsync(Id);
        history = timeline.Value?.Items ?? [];
        problem ??= timeline.Problem?.ToString();
    }

    private IEnumerable<(string Name, string Value)> ProfileFacts =>
        ProfileFields.Select(f => (f, profile is { } p ? Json.Text(p, f) : null)).Where(f => f.Item2 is not null).Select(f => (f.f, f.Item2!));

    private IEnumerable<(string Name, string Value)> Current
    {
        get
        {
            if (profile is not { } p) yield break;
            foreach (var (kind, value) in Pairs(Json.Property(p, "segments"))) yield return ($"segment {kind}", value);
            foreach (var (name, value) in Pairs(Json.Property(p, "scores"))) yield return ($"score {name}", value);
            if (Json.Text(p, "pointsBalance") is { } balance) yield return ("points", balance);
            if (Json.Property(p, "openTasks") is { ValueKind: JsonValueKind.Array } tasks) yield return ("open tasks", tasks.GetArrayLength().ToString());
            if (Json.Property(p, "tags") is { ValueKind: JsonValueKind.Array } tags && tags.GetArrayLength() > 0)
                yield return ("tags", string.Join(", ", tags.EnumerateArray().Select(t => Json.Show(t))));
        }
    }

    private static IEnumerable<(string, string)> Pairs(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } o
            ? o.EnumerateObject().OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => (x.Name, Json.Show(x.Value) ?? ""))
            : [];
}
