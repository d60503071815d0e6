using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Tests.TestSupport;

/// <summary>Answers the console's REST calls from a table (path → status and JSON) and records what was asked.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Json)> answers = new();
    public List<(string Method, string Path, string? Body, string? Key)> Requests { get; } = [];

    public FakeApi On(string methodAndPath, string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        answers[methodAndPath] = (status, json);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method.Method, path, body, request.Headers.TryGetValues("X-Api-Key", out var k) ? k.First() : null));
        if (!answers.TryGetValue($"{request.Method.Method} {path}", out var answer))
            answer = (HttpStatusCode.NotFound, """{"title":"Not found","detail":"no fake answer"}""");
        return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Json, Encoding.UTF8, "application/json") };
    }

    /// <summary>Registers the console's services over this fake, signed in as <paramref name="role"/> (or not at all).</summary>
    public async Task<ConsoleSession> RegisterAsync(BunitContext context, string? role)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        context.Services.AddScoped<ProtectedSessionStorage>();
        context.Services.AddScoped<ConsoleSession>();
        context.Services.AddScoped(sp => new RuleEngineApi(
            new HttpClient(this) { BaseAddress = new Uri("http://127.0.0.1:5000/") }, sp.GetRequiredService<ConsoleSession>()));
        var session = context.Services.GetRequiredService<ConsoleSession>();
        if (role is not null) await session.SignInAsync($"{role}-key", $"test-{role}", role);
        return session;
    }
}
