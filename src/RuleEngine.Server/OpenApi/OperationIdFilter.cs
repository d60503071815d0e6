using System.Globalization;
using System.Text;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// Gives every operation an <c>operationId</c>: the endpoint's name when it has one (<c>.WithName("...")</c>),
/// otherwise one derived from method and route, so it is unique and stays the same as long as the route does:
/// <c>GET /api/runs/{id}/logs</c> → <c>getRunsByIdLogs</c>, <c>POST /api/customers</c> → <c>postCustomers</c>.
/// Generated clients name their methods after it; renaming a route renames it.
/// </summary>
public sealed class OperationIdFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!string.IsNullOrWhiteSpace(operation.OperationId)) return;
        operation.OperationId = Derive(context.ApiDescription.HttpMethod ?? "get", context.ApiDescription.RelativePath ?? "");
    }

    public static string Derive(string method, string relativePath)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        var segments = relativePath.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments.SkipWhile(s => s == "api"))
        {
            if (segment.StartsWith('{'))
                id.Append("By").Append(Pascal(segment.Trim('{', '}', '*').Split(':', '=', '?')[0]));
            else
                id.Append(Pascal(segment));
        }
        return id.ToString();
    }

    /// <summary>"follow-ups" → "FollowUps", "id" → "Id".</summary>
    static string Pascal(string word) => string.Concat(word.Split('-', '_', '.')
        .Where(part => part.Length > 0)
        .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
