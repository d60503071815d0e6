using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Server.Tests.Audit;

/// <summary>A local HTTP listener standing in for an anchor receiver: keeps every POSTed body; can be told to fail.</summary>
public sealed class AnchorReceiver : IAsyncDisposable
{
    readonly WebApplication _app;

    public ConcurrentQueue<JsonElement> Received { get; } = new();
    public bool Failing { get; set; }
    public string Url { get; }

    AnchorReceiver(WebApplication app, string url) => (_app, Url) = (app, url);

    public static async Task<AnchorReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        AnchorReceiver? receiver = null;
        app.MapPost("/anchors", async (HttpRequest request) =>
        {
            if (receiver!.Failing) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            receiver.Received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new AnchorReceiver(app, $"{address}/anchors");
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
