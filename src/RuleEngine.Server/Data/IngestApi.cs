using RuleEngine.Server.Limits;
using RuleEngine.Server.OpenApi;
using RuleEngine.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Ingest;

namespace RuleEngine.Server.Data;

/// <summary>Bulk upsert of customers, orders and events: JSON array, NDJSON or CSV, streamed (see docs/storage.md).</summary>
public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        // Ops load data: the ops role policy goes on this group.
        var ingest = app.MapGroup("/api").WithTags("Ingest")
            .RequireAuthorization(Policies.Ingest).RequireRateLimiting(RateLimits.Writes);
        ingest.MapPost("/customers", (HttpContext http, DataIngest data, IOptions<IngestOptions> options, IAuditLog audit, bool partial = false) =>
                Run(http, options.Value, partial, data.CustomersAsync, new("customers", audit)))
            .WithSummary("Upsert customers by id (JSON array, NDJSON or CSV)")
            .AcceptsRows<CustomerIngestRow>("Customers to create or update, by id.", IngestExamples.CustomersJson, IngestExamples.CustomersCsv)
            .WithIngestAnswers();
        ingest.MapPost("/orders", (HttpContext http, DataIngest data, IOptions<IngestOptions> options, IAuditLog audit, bool partial = false) =>
                Run(http, options.Value, partial, data.OrdersAsync, new("orders", audit)))
            .WithSummary("Upsert orders by id; their customers must exist (JSON array, NDJSON or CSV)")
            .AcceptsRows<OrderIngestRow>("Orders to create or update, by id. An item's price is per unit.", IngestExamples.OrdersJson, IngestExamples.OrdersCsv)
            .WithIngestAnswers();
        ingest.MapPost("/events", (HttpContext http, DataIngest data, IOptions<IngestOptions> options, IAuditLog audit, bool partial = false) =>
                Run(http, options.Value, partial, data.EventsAsync, new("events", audit)))
            .WithSummary("Upsert interaction events by id; their customers must exist (JSON array, NDJSON or CSV)")
            .AcceptsRows<EventIngestRow>("Interaction events to create or update, by id.", IngestExamples.EventsJson, IngestExamples.EventsCsv)
            .WithIngestAnswers();
        return app;
    }

    /// <summary>The answers the handler gives through <see cref="IResult"/>, which the document cannot see by itself.</summary>
    private static RouteHandlerBuilder WithIngestAnswers(this RouteHandlerBuilder endpoint) => endpoint
        // Bodies up to RuleEngine:Ingest:MaxBodyBytes, checked by the handler, not the server-wide request limit.
        .WithMetadata(Limits.OwnBodyLimit.Instance)
        .Produces<IngestResult>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private delegate Task<IngestResult> Ingest(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken);

    /// <summary>What is being loaded, for the audit entry every attempt leaves (with its counts, whatever the result).</summary>
    private sealed record Audited(string Kind, IAuditLog Log)
    {
        public Task RecordAsync(HttpContext http, IngestFormat format, bool partial, long accepted, long rejected, string result) =>
            Log.AppendAsync(AuditEvents.DataIngested(Kind, http.Actor(), format.ToString().ToLowerInvariant(), partial, accepted, rejected, result));
    }

    private static async Task<Results<Ok<IngestResult>, ProblemHttpResult>> Run(
        HttpContext http, IngestOptions options, bool partial, Ingest ingest, Audited audited)
    {
        if (IngestHttp.FormatOf(http.Request.ContentType) is not { } format)
            return IngestHttp.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send application/json (an array), application/x-ndjson or text/csv, not '{http.Request.ContentType ?? "none"}'.");
        if (http.Request.ContentLength > options.MaxBodyBytes)
            return IngestHttp.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body has {http.Request.ContentLength:N0} bytes; the limit is {options.MaxBodyBytes:N0} (RuleEngine:Ingest:MaxBodyBytes). Split it into several requests.");
        IngestHttp.LiftServerBodyLimit(http, options.MaxBodyBytes);
        try
        {
            var result = await ingest(http.Request.Body, format, partial, http.RequestAborted);
            // Partial requests answer 200 with their errors, unless the body itself broke off (malformed JSON array, CSV header).
            var refused = (!partial && result.Rejected > 0) || result.Unreadable;
            await audited.RecordAsync(http, format, partial, result.Accepted, result.Rejected,
                result.Unreadable ? "unreadable" : refused ? "rejected" : "written");
            if (refused) return IngestHttp.Rejected(result);
            return TypedResults.Ok(result);
        }
        catch (IngestLimitExceededException ex)
        {
            await audited.RecordAsync(http, format, partial, partial ? ex.Accepted : 0, 0, "limit-exceeded");
            return IngestHttp.Problem(StatusCodes.Status413PayloadTooLarge, "Ingest limit exceeded",
                ex.Message + (partial ? $" {ex.Accepted:N0} rows before the limit were written." : " Nothing was written."),
                new Dictionary<string, object?> { ["accepted"] = ex.Accepted });
        }
    }
}
