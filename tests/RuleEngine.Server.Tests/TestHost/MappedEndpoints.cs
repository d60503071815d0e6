using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>Every endpoint the server maps, as "METHOD /route" (a route without method metadata answers any method: "*").</summary>
public static class MappedEndpoints
{
    public static IReadOnlyList<(string Method, string Route)> Of(RuleEngineAppFactory factory)
    {
        using var client = factory.CreateClient(null); // starts the host
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (method, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .ToList();
    }
}
