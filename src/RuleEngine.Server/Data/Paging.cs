using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>Reads <c>limit</c> and <c>cursor</c> query parameters, answering a clear 400 when they are wrong.</summary>
internal static class Paging
{
    public static bool TryRead(int? limit, string? cursor, out PageRequest page, out string? after, out ValidationProblem problem)
    {
        page = new PageRequest(limit ?? PageRequest.DefaultLimit, cursor);
        after = null;
        problem = null!;
        if (limit is < 1 or > PageRequest.MaxLimit)
        {
            problem = Invalid("limit", $"'limit' must be between 1 and {PageRequest.MaxLimit}.");
            return false;
        }
        try
        {
            after = PageCursor.Decode(cursor);
            return true;
        }
        catch (FormatException ex)
        {
            problem = Invalid("cursor", ex.Message);
            return false;
        }
    }

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
