using Microsoft.AspNetCore.Authorization;

namespace RuleEngine.Server.Security;

/// <summary>The roles an endpoint admits, read from its authorization metadata and <see cref="Policies.RolesByPolicy"/>.</summary>
public static class RequiredRoles
{
    public static IReadOnlyList<string> Of(HttpContext context) =>
        context.GetEndpoint() is { } endpoint ? Of(endpoint.Metadata) : Roles.All;

    /// <summary>Null when the endpoint answers without a key.</summary>
    public static IReadOnlyList<string>? OfEndpoint(IReadOnlyList<object> metadata) =>
        metadata.OfType<IAllowAnonymous>().Any() ? null : Of(metadata);

    /// <summary>Every policy on an endpoint must pass, so the roles admitted are the intersection.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<object> metadata)
    {
        IEnumerable<string>? allowed = null;
        foreach (var policy in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>())
        {
            var roles = Policies.RolesByPolicy.TryGetValue(policy, out var known) ? known : [];
            allowed = allowed is null ? roles : allowed.Intersect(roles);
        }
        return (allowed ?? Roles.All).ToList();
    }
}
