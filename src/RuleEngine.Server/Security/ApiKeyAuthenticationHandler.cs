using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RuleEngine.Server.Errors;

namespace RuleEngine.Server.Security;

/// <summary>Authenticates the <c>X-Api-Key</c> header and answers refusals with actionable ProblemDetails.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    RefusedRequestReporter reporter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private byte[]? presentedHash;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());

        presentedHash = ApiKeyHash.Compute(presented);
        var entry = keys.Find(presentedHash);
        if (entry is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not known."));

        Claim[] claims = [new(ClaimTypes.Name, entry.Name), new(ClaimTypes.Role, entry.Role)];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        string detail;
        if (presentedHash is null)
        {
            reporter.KeyMissing();
            detail = $"This endpoint needs an API key: send it in the {HeaderName} header. " +
                     "Keys are configured under RuleEngine:ApiKeys (see docs/operations.md).";
        }
        else
        {
            await reporter.UnknownKeyAsync(Context, ApiKeyHash.Fingerprint(presentedHash));
            detail = $"The key sent in {HeaderName} matches no configured key. Check it for typos or ask an admin for a key.";
        }
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Missing or unknown API key", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var detail = RefusedRequestReporter.WrongRole(Context, $"{Request.Method} {Request.Path}", RequiredRoles.Of(Context));
        await reporter.ForbiddenAsync(Context, detail);
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Role not allowed", detail);
    }
}
