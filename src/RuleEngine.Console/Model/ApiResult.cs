using System.Net;

namespace RuleEngine.Console.Model;

/// <summary>A refusal or error from the REST API (its RFC 7807 problem), as the console shows it to the user.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail)
{
    public override string ToString() => Detail is { Length: > 0 } ? $"{Title}: {Detail}" : Title;

    public static ApiProblem Unreachable(Exception e) =>
        new(0, "The server did not answer", e.Message);

    public static ApiProblem FromStatus(HttpStatusCode status) => new((int)status, status.ToString(), null);
}

/// <summary>The answer of one REST call: its value, or the problem that stopped it.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem, int Status)
{
    public bool Ok => Problem is null;
}
