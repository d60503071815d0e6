using System.Text.Json.Nodes;
using RuleEngine.Rules.Testing;
using RuleEngine.Runs;
using RuleEngine.Runs.Preview;
using RuleEngine.Server.Errors;

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

    public static async Task<IResult> Capture(string name, CaptureBody? body, TestCapture capture, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(body?.RunId) || string.IsNullOrWhiteSpace(body.CustomerId))
            return Problems.BadRequest("Give the 'runId' of a preview (or run) and the 'customerId' of one of its customers.");
        try
        {
            var captured = await Task.Run(() => capture.Capture(name, body.RunId, body.CustomerId, cancellation), cancellation);
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
}
