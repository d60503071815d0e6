using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Console;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>
/// Every endpoint of the API, as "METHOD /route" (a route without method metadata answers any method: "*"). The web
/// console's pages, circuit and static files are not API endpoints: they answer without a key and hold no data
/// (Console/ConsoleHostingTests checks them).
/// </summary>
public static class MappedEndpoints
{
    public static IReadOnlyList<(string Method, string Route)> Of(RuleEngineAppFactory factory)
    {
        using var client = factory.CreateClient(null); // starts the host
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ConsoleEndpoint>() is null)
            // MapStaticAssets' own fallback for files changed since the build (static web assets served from the
            // build output); it serves files only, and like the console's files it holds no data.
            .Where(e => e.RoutePattern.RawText != "{**path:file}")
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (method, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .ToList();
    }
}
