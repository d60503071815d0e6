using Microsoft.AspNetCore.Http.HttpResults;

namespace RuleEngine.Server.Errors;

/// <summary>
/// ProblemDetails results for endpoint authors, so every error reads alike: a short title and a detail
/// that tells the caller what to do. Use in typed results: <c>Results&lt;Ok&lt;Rule&gt;, ProblemHttpResult&gt;</c>.
/// The trace id and instance are added for all of them by <see cref="ErrorHandlingSetup"/>.
/// </summary>
public static class Problems
{
    /// <example><c>Problems.NotFound("rule", name, "List the rules with GET /api/rules.")</c></example>
    public static ProblemHttpResult NotFound(string what, string id, string? hint = null) =>
        Problem(StatusCodes.Status404NotFound, $"Unknown {what}", Join($"No {what} with id '{id}' exists.", hint));

    public static ProblemHttpResult BadRequest(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>422: the request was understood but cannot be applied, e.g. a rule that does not compile.</summary>
    public static ProblemHttpResult Unprocessable(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "Cannot be applied", detail, extensions);

    /// <summary>400 with the offending fields: <c>{ "limit": ["must be between 1 and 1000"] }</c>.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? "Some fields are invalid; see errors.", title: "Invalid request");

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    private static string Join(string detail, string? hint) => hint is null ? detail : $"{detail} {hint}";
}
