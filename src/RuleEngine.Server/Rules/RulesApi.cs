namespace RuleEngine.Server.Rules;

/// <summary>Rules over REST: list, read, validate (see shared API contract).</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/rules").WithTags("Rules");
        return app;
    }
}
