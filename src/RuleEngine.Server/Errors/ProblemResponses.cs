using Microsoft.AspNetCore.Mvc;

namespace RuleEngine.Server.Errors;

/// <summary>Writes a ProblemDetails response from middleware and handlers that have no <see cref="IResult"/> to return.</summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
