using System.Text.Json.Nodes;
using RuleEngine.Rules.Testing;
using RuleEngine.Runs;
using RuleEngine.Runs.Preview;
using RuleEngine.Domain;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Preview;

/// <summary><c>POST /api/rules/{name}/tests/capture</c>: a preview sample's customer as a given/expect case.</summary>
internal static class TestCaptureApi
{
    public sealed record CaptureBody(string? RunId, string? CustomerId);

    /// <summary>
    /// <c>case</c> is ready to append to the <c>cases</c> of the rule's tests file (<c>PUT /api/rules/{name}/tests</c>);
    /// <c>passes</c> says whether it passes as written against <c>versionHash</c> (the draft's source hash for a preview).
    /// </summary>
    public sealed record CaptureResult(JsonNode Case, string VersionHash, bool Passes, string? Warning);

    public static async Task<IResult> Capture(string name, CaptureBody? body, HttpContext http, TestCapture capture, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(body?.RunId) || string.IsNullOrWhiteSpace(body.CustomerId))
            return Problems.BadRequest("Give the 'runId' of a preview (or run) and the 'customerId' of one of its customers.");
        try
        {
            var redact = PersonalDataAccess.For(http.User).Full ? null : (Func<Customer, Customer>)StandIns;
            var captured = await Task.Run(() => capture.Capture(name, body.RunId, body.CustomerId, redact, cancellation), cancellation);
            return TypedResults.Ok(new CaptureResult(RuleTestWriter.ToJson(captured.Case), captured.VersionHash, captured.Passes, captured.Warning));
        }
        catch (RunRejectedException e)
        {
            return e.Reason switch
            {
                RunRejection.NotFound => Problems.Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
                RunRejection.Invalid => Problems.BadRequest(e.Message),
                _ => Problems.Conflict(e.Message),
            };
        }
    }

    /// <summary>
    /// A case lands in the rules folder, read by everyone who reads rules: a caller who sees personal data masked gets
    /// stand-ins that keep what rules look at (whether an e-mail or phone is there, the birthday's month and day) and
    /// nothing that names the customer. <c>passes</c> is checked on the case with the stand-ins.
    /// </summary>
    static Customer StandIns(Customer c) => c with
    {
        Name = null,
        Email = c.Email is null ? null : "customer@example.invalid",
        Phone = c.Phone is null ? null : "10000000000",
        Birthday = c.Birthday is { } b ? new DateOnly(2000, b.Month, b.Day) : null, // 2000 was a leap year: 29 February stays
    };
}
