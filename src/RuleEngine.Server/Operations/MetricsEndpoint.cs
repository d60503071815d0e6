using Prometheus;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus text format, exported by prometheus-net: its default registry publishes
/// every System.Diagnostics.Metrics meter (RuleEngine, ASP.NET Core, runtime) plus its HTTP metrics.
/// Mapped as a minimal API endpoint rather than with MapMetrics() so that it is described in the OpenAPI document.
/// </summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext context, CancellationToken cancellationToken) =>
            {
                context.Response.ContentType = PrometheusConstants.ExporterContentTypeValue.ToString();
                await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, cancellationToken);
            })
            .RequireAuthorization(Policies.ReadMetrics)
            .WithTags("Operations")
            .WithSummary("Metrics in Prometheus text format (scrape with an ops key in X-Api-Key).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }
}
