using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Console.Components.Layout;
using RuleEngine.Console.Model;

namespace RuleEngine.Console;

/// <summary>The web console: Blazor components rendered interactively on the server, mapped at <c>/</c> beside the API.</summary>
public static class ConsoleSetup
{
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        // The console's files (and Monaco's, inside BlazorMonaco) are static web assets: a published server has them in
        // wwwroot; run from the build output (dotnet run, tests) they are found through the build's manifest, in any
        // environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton<ServerSelfAddress>();
        builder.Services.AddScoped<ConsoleSession>();
        builder.Services.AddHttpClient<RuleEngineApi>(RuleEngineApi.HttpClientName, (services, client) =>
        {
            client.BaseAddress = services.GetRequiredService<ServerSelfAddress>().BaseAddress;
            // A preview or a test run answers in seconds; a stuck server should not hold a circuit for ever.
            client.Timeout = TimeSpan.FromSeconds(100);
        });
        return builder;
    }

    /// <summary>
    /// Maps the console's pages, its SignalR circuit and its static files (Monaco included), all answering without an
    /// API key: the page shell holds no data, and everything it shows comes from REST calls made with the user's key.
    /// </summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseMiddleware<ConsoleSecurityHeaders>();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous().WithMetadata(ConsoleEndpoint.Instance).ExcludeFromDescription();
        app.MapRazorComponents<App>()
            // Framing is refused by ConsoleSecurityHeaders' policy (frame-ancestors 'none'); no second CSP header.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .AllowAnonymous()
            .WithMetadata(ConsoleEndpoint.Instance)
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>Marks the endpoints that belong to the console (pages, circuit, static files), as opposed to the REST API.</summary>
public sealed class ConsoleEndpoint
{
    public static readonly ConsoleEndpoint Instance = new();
    private ConsoleEndpoint() { }
}
