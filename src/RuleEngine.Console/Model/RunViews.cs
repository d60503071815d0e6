using System.Text.Json;

namespace RuleEngine.Console.Model;

public sealed record RunAccepted(string Id, string Status);

public sealed record RunProgress(long Processed, long? Total);

/// <summary>A run as <c>GET /api/runs/{id}</c> shows it; <see cref="Impact"/> is read by <see cref="PreviewImpact"/>.</summary>
public sealed record RunView(
    string Id, string Rule, string? VersionHash, string Status, bool DryRun, DateTime AsOf, DateTime? StartedAt,
    DateTime? FinishedAt, RunProgress? Progress, string? Error, JsonElement? Impact, JsonElement? Counts,
    string? Trigger = null, string? TriggeredBy = null, DateTime? CreatedAt = null, string? Kind = null,
    Dictionary<string, string>? Parameters = null, string? Mode = null)
{
    public bool Finished => Status is "succeeded" or "failed" or "cancelled" or "interrupted";
}

public sealed record SegmentMoveRow(string Kind, string? From, string? To, long Customers);

/// <summary>Draft against live for one measure (points awarded, tasks created).</summary>
public sealed record DraftVersusLive(string? Draft, string? Live);

/// <summary>One customer whose outcome differs, with what each version does and why.</summary>
public sealed record PreviewSample(string CustomerId, IReadOnlyList<string> Live, IReadOnlyList<string> Draft,
    IReadOnlyList<string> LiveExplanations, IReadOnlyList<string> DraftExplanations);

/// <summary>
/// The difference between a draft and the live version on one snapshot (the <c>impact</c> of a preview run), read
/// leniently from its JSON so that a field the server adds later does not break the page.
/// </summary>
public sealed record PreviewImpact(
    IReadOnlyList<SegmentMoveRow> Moves, DraftVersusLive Points, DraftVersusLive Tasks, IReadOnlyList<PreviewSample> Samples)
{
    public static PreviewImpact From(JsonElement impact)
    {
        var moves = Items(impact, "moves", "segmentMoves").Select(m => new SegmentMoveRow(
            Json.Text(m, "kind") ?? "", Json.Text(m, "from"), Json.Text(m, "to"),
            long.TryParse(Json.Text(m, "customers"), out var n) ? n : 0)).ToList();
        var samples = Items(impact, "samples", "sample").Select(Sample).ToList();
        return new PreviewImpact(moves, Versus(impact, "points"), Versus(impact, "tasks"), samples);
    }

    private static PreviewSample Sample(JsonElement s)
    {
        var explanations = Json.Property(s, "explanations");
        return new PreviewSample(
            Json.Text(s, "customerId") ?? "",
            Lines(Json.Property(s, "live")), Lines(Json.Property(s, "draft")),
            Lines(explanations is { } e ? Json.Property(e, "live") : null),
            Lines(explanations is { } d ? Json.Property(d, "draft") : null));
    }

    private static DraftVersusLive Versus(JsonElement impact, string name) =>
        Json.Property(impact, name) is { ValueKind: JsonValueKind.Object } v
            ? new DraftVersusLive(Json.Text(v, "draft"), Json.Text(v, "live"))
            : new DraftVersusLive(null, null);

    private static IEnumerable<JsonElement> Items(JsonElement element, params string[] names) =>
        Json.ArrayIn(element, names) is { } array ? array.EnumerateArray() : [];

    /// <summary>A value shown as lines: an array item per line, an object's properties as "name: value", a scalar as itself.</summary>
    internal static IReadOnlyList<string> Lines(JsonElement? value) => value switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().SelectMany(i => Lines(i)).ToList(),
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{p.Name}: {Json.Show(p.Value)}").ToList(),
        { ValueKind: JsonValueKind.Null } => [],
        { } scalar => [Json.Show(scalar) ?? ""],
    };
}
