namespace RuleEngine.Server.Security;

/// <summary><c>GET /api/me</c>: lets a script check which key it sends and what that key may do.</summary>
public static class WhoAmIApi
{
    public static IEndpointRouteBuilder MapWhoAmI(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (HttpContext context) =>
            {
                var role = context.User.Role() ?? "";
                var policies = Policies.RolesByPolicy.Where(p => p.Value.Contains(role)).Select(p => p.Key).Order().ToList();
                return TypedResults.Ok(new WhoAmI(context.Actor(), role, policies));
            })
            .WithTags("Security")
            .WithSummary("The calling API key's name (the actor recorded for its actions), role and permitted policies.");
        return app;
    }
}

public sealed record WhoAmI(string Name, string Role, IReadOnlyList<string> Policies);
