using System.Security.Claims;

namespace RuleEngine.Server.Security;

/// <summary>Who is calling: the configured name of the API key (the "actor" recorded in runs and the audit log).</summary>
public static class ActorExtensions
{
    /// <summary>Used for requests to endpoints that answer without a key.</summary>
    public const string Anonymous = "anonymous";

    public static string Actor(this HttpContext context) => context.User.Actor();

    public static string Actor(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } ? name : Anonymous;

    public static string? Role(this ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value;
}
