using RuleEngine.Server.Errors;
using RuleEngine.Server.Security;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>Reading customers with what rules decided about them.</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        // Analysts, auditors and ops read: the read policy goes on this group.
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Policies.ReadData);
        customers.MapGet("/", CustomerSearchEndpoint.Search)
            .WithSummary("Find customers by id, name, phone or e-mail prefix and/or segment; Accept text/csv or application/x-ndjson exports every match")
            .Produces<Page<CustomerRow>>(StatusCodes.Status200OK, "application/json", "text/csv", "application/x-ndjson");
        customers.MapGet("/{id}", GetCustomer).WithSummary("A customer's profile, segments, scores, tags, points balance and open tasks");
        customers.MapGet("/{id}/history", CustomerHistoryEndpoint.Get)
            .WithSummary("Segment moves, score changes, points entries and tasks, oldest first, each with rule, version, run and explanation");
        customers.MapGet("/{id}/points", GetPoints).WithSummary("A customer's points ledger, oldest first, with the balance");
        return app;
    }

    private const int MaxOpenTasksShown = 100;

    private static Results<Ok<CustomerDetail>, ProblemHttpResult> GetCustomer(string id, HttpContext http, ICustomerStandings standings) =>
        standings.Find(id, MaxOpenTasksShown) is { } standing
            ? TypedResults.Ok(CustomerDetails.Of(standing, PersonalDataAccess.For(http.User)))
            : CustomerNotFound(id);

    private static Results<Ok<PointsLedgerView>, ProblemHttpResult, ValidationProblem> GetPoints(
        string id, ICustomerStore customers, IPointsLedger points, int? limit, string? cursor)
    {
        if (customers.Find(id) is null) return CustomerNotFound(id);
        if (!Paging.TryRead(limit, cursor, out var page, out var after, out var problem)) return problem;
        // A ledger is per customer and short, so it is paged in memory by position.
        var entries = points.EntriesFor(id);
        var start = 0;
        if (after is not null && !int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            return Paging.Invalid("cursor", $"The cursor '{cursor}' is not one this server returned.");
        var items = entries.Skip(start).Take(page.SafeLimit).Select(PointsEntryView.From).ToList();
        var next = start + items.Count < entries.Count ? PageCursor.Encode((start + items.Count).ToString(CultureInfo.InvariantCulture)) : null;
        return TypedResults.Ok(new PointsLedgerView(entries.Sum(e => e.Delta), items, next));
    }

    // A ProblemHttpResult, not NotFound<ProblemDetails>: only the former is served as application/problem+json.
    internal static ProblemHttpResult CustomerNotFound(string id) =>
        Problems.Problem(StatusCodes.Status404NotFound, "Customer not found", $"There is no customer with id '{id}'.");
}
