using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RuleEngine.Domain;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>
/// GET /api/customers?q=&amp;segment=kind:value: a page of matching customers with their segments, scores and points
/// balance, personal data masked for roles that may not see it; with <c>Accept: text/csv</c> or
/// <c>application/x-ndjson</c>, every match streamed (<see cref="CustomerExport"/>).
/// </summary>
internal static class CustomerSearchEndpoint
{
    public static IResult Search(
        HttpContext http, string? q, string? segment, int? limit, string? cursor, ICustomerSearch search,
        ISegmentStore segments, IScoreStore scores, IPointsLedger points, IOptions<JsonOptions> json)
    {
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        if (q is { Length: > 200 }) return Paging.Invalid("q", "'q' is a prefix of an id, name, phone or e-mail; at most 200 characters.");
        string? kind = null, value = null;
        if (segment is not null)
        {
            var parts = segment.Split(':', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                return Paging.Invalid("segment", $"'segment' must be kind:value (for example tier:gold), not '{segment}'.");
            (kind, value) = (parts[0], parts[1]);
        }
        var query = new CustomerSearchQuery(q, kind, value);
        var rows = new CustomerRows(segments, scores, points, PersonalDataAccess.For(http.User));
        if (CustomerExport.FormatAccepted(http.Request) is { } format)
            return CustomerExport.Write(format, search, query, rows, json.Value.SerializerOptions);
        var found = search.Search(query, page);
        return TypedResults.Ok(new Page<CustomerRow>(found.Items.Select(rows.Of).ToList(), found.NextCursor));
    }
}

/// <summary>A search result: who the customer is (masked per role) and what rules decided about them now.</summary>
public sealed record CustomerRow(
    string Id, string? Name, string? Phone, string? Email, IReadOnlyDictionary<string, string> Segments,
    IReadOnlyDictionary<string, double> Scores, long PointsBalance);

/// <summary>Builds rows with three reads on CustomerId indexes per customer.</summary>
internal sealed class CustomerRows(ISegmentStore segments, IScoreStore scores, IPointsLedger points, PersonalDataAccess personal)
{
    public CustomerRow Of(Customer c) => new(
        c.Id, personal.Name(c.Name), personal.Phone(c.Phone), personal.Email(c.Email), segments.CurrentFor(c.Id),
        scores.ScoresFor(c.Id).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal), points.BalanceOf(c.Id));
}
