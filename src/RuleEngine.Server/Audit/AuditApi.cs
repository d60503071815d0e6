using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Server.Data;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Runs;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Audit;

/// <summary>The audit log for auditors: list and export with filters, verify the hash chain, read its head to anchor it.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        audit.MapGet("/", List)
            .WithSummary("Audit entries oldest first, filtered by time, actor, rule and type, paged; Accept text/csv or application/x-ndjson exports every match")
            .Produces<Page<AuditEntryView>>(StatusCodes.Status200OK, "application/json", AuditExport.Csv, AuditExport.Ndjson);
        audit.MapGet("/verify", Verify)
            .WithSummary("Check the whole hash chain; names the first altered, removed or reordered entry (anchor=sequence:hash also checks a noted head)");
        audit.MapGet("/head", Head)
            .WithSummary("The newest entry's sequence and hash: note them outside the server to anchor the chain");
        return app;
    }

    static IResult List(HttpContext http, IAuditLog log, IOptions<JsonOptions> json,
        string? from, string? to, string? actor, string? rule, string? type, int? limit, string? cursor)
    {
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        if (!RunsApi.TryTime(from, "from", out var fromTime, out problem) || !RunsApi.TryTime(to, "to", out var toTime, out problem)) return problem;
        if (type is not null && !AuditTypes.All.Contains(type))
            return Paging.Invalid("type", $"'type' must be one of {string.Join(", ", AuditTypes.All)}, not '{type}'.");
        var query = new AuditQuery(fromTime, toTime, actor, rule, type);
        if (AuditExport.FormatAccepted(http.Request) is { } format) return AuditExport.Write(log.ReadAll(query), format, json.Value.SerializerOptions);
        Page<AuditEntry> entries;
        try
        {
            entries = log.List(query, page);
        }
        catch (FormatException ex)
        {
            // A well-formed base64 cursor whose key is not a sequence number: the store can tell, Paging cannot (was a 500).
            return Paging.Invalid("cursor", ex.Message);
        }
        return TypedResults.Ok(new Page<AuditEntryView>(entries.Items.Select(AuditEntryView.From).ToList(), entries.NextCursor));
    }

    static Results<Ok<AuditVerification>, ValidationProblem> Verify(IAuditLog log, string? anchor)
    {
        AuditAnchor? noted = null;
        if (anchor is not null)
        {
            var parts = anchor.Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1 || parts[1].Length != 64)
                return Paging.Invalid("anchor", $"'anchor' must be sequence:hash as GET /api/audit/head gives them (e.g. 42:9f86d0…, 64 hex characters), not '{anchor}'.");
            noted = new AuditAnchor(sequence, parts[1]);
        }
        return TypedResults.Ok(log.Verify(noted));
    }

    static Results<Ok<AuditHead>, ProblemHttpResult> Head(IAuditLog log) =>
        log.Head() is { } head
            ? TypedResults.Ok(head)
            : Problems.Problem(StatusCodes.Status404NotFound, "Audit log empty", "Nothing has been recorded yet, so there is no head to note.");
}
