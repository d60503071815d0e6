using System.Net;
using RuleEngine.Console;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Console;

/// <summary>The web console is served at / beside the API, without a key (it holds no data), under a strict CSP.</summary>
public class ConsoleHostingTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/rules")]
    [InlineData("/rules/membership-tier")]
    [InlineData("/script-api")]
    public async Task Console_pages_answer_without_a_key_with_the_content_security_policy(string path)
    {
        using var client = factory.CreateClient(role: null);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(ConsoleSecurityHeaders.Policy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web.js", html);
        Assert.DoesNotContain("<script>", html); // no inline script: the CSP would refuse it
    }

    [Fact]
    public async Task The_api_and_swagger_are_unchanged_by_the_console()
    {
        using var anonymous = factory.CreateClient(role: null);
        using var api = await anonymous.GetAsync("/api/rules");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.False(api.Headers.Contains("Content-Security-Policy"));

        using var swagger = await anonymous.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.False(swagger.Headers.Contains("Content-Security-Policy"));
    }
}
