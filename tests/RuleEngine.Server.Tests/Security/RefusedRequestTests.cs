using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Security;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Security;

public class RefusedRequestTests(RefusedRequestTests.RecordingFactory factory) : IClassFixture<RefusedRequestTests.RecordingFactory>
{
    [Fact]
    public async Task An_unknown_key_is_refused_with_advice_and_published_without_the_key()
    {
        using var client = factory.CreateClient(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "guessed-key-123");

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);

        Assert.Contains("matches no configured key", problem.Detail());
        var published = Assert.Single(factory.Sink.Events, e => e.Kind == SecurityEventKind.UnknownKey && e.Path == "/api/me");
        Assert.Null(published.Actor);
        Assert.Equal(8, published.KeyFingerprint?.Length);
        Assert.DoesNotContain("guessed-key-123", published.ToString());
    }

    [Fact]
    public async Task A_missing_key_is_refused_with_the_header_to_use()
    {
        using var client = factory.CreateClient(null);

        var response = await client.GetAsync("/metrics");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.Detail());
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_wrong_role_is_refused_naming_the_roles_that_may_call_and_published_with_the_actor()
    {
        using var client = factory.CreateClient("auditor");

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/metrics"), HttpStatusCode.Forbidden);

        Assert.Contains("needs one of: ops, admin", problem.Detail());
        var published = Assert.Single(factory.Sink.Events, e => e.Kind == SecurityEventKind.Forbidden && e.Path == "/metrics");
        Assert.Equal("test-auditor", published.Actor);
        Assert.Equal("GET", published.Method);
    }

    [Fact]
    public async Task A_failing_sink_does_not_change_the_answer()
    {
        factory.Sink.FailNext = true;
        using var client = factory.CreateClient("analyst");

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/metrics"), HttpStatusCode.Forbidden);
    }

    public sealed class RecordingFactory : RuleEngineAppFactory
    {
        public RecordingSink Sink { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ISecurityEventSink>(Sink));
        }
    }

    public sealed class RecordingSink : ISecurityEventSink
    {
        public ConcurrentQueue<SecurityEvent> Events { get; } = new();
        public bool FailNext { get; set; }

        public Task RecordAsync(SecurityEvent securityEvent, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("audit storage unavailable");
            }
            Events.Enqueue(securityEvent);
            return Task.CompletedTask;
        }
    }
}
