using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages.Customers;

/// <summary>Customer search (<c>GET /api/customers?q=&amp;segment=</c>): the way in to a customer without knowing the id.</summary>
public partial class CustomerSearch
{
    [Inject] private RuleEngineApi Api { get; set; } = default!;

    private string text = "", segment = "";
    private List<CustomerHit>? hits;
    private string? nextCursor, problem;

    private async Task SearchAsync()
    {
        var answer = await Api.SearchCustomersAsync(text, segment, null);
        hits = answer.Value?.Items ?? [];
        nextCursor = answer.Value?.NextCursor;
        problem = answer.Problem?.ToString();
    }

    private async Task MoreAsync()
    {
        var answer = await Api.SearchCustomersAsync(text, segment, nextCursor);
        hits!.AddRange(answer.Value?.Items ?? []);
        nextCursor = answer.Value?.NextCursor;
        problem = answer.Problem?.ToString();
    }

    internal static string SegmentsText(CustomerHit hit) =>
        hit.Segments is { Count: > 0 } s ? string.Join(", ", s.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")) : "—";
}
