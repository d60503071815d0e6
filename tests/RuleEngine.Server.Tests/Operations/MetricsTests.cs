using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Observability;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Operations;

public class MetricsTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Fact]
    public async Task Application_metrics_recorded_in_core_are_exported_in_prometheus_format()
    {
        using var ops = factory.CreateClient("ops");
        var rule = "probe_" + Guid.NewGuid().ToString("N")[..8];
        var metrics = factory.Services.GetRequiredService<RuleEngineMetrics>();
        metrics.RunFinished(rule, "succeeded", TimeSpan.FromSeconds(2), dryRun: false);
        metrics.CustomersEvaluated(rule, 40);
        metrics.OutcomesProduced(rule, "points_entry", 7);
        metrics.CompileFailed(rule);

        var response = await ops.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var lines = body.Split('\n').Where(l => l.Contains(rule)).ToList();
        // The rule workers are observed from the start, before any run needed one.
        Assert.Contains(body.Split('\n'), l => l.StartsWith("ruleengine_rule_workers_started"));
        Assert.Contains(body.Split('\n'), l => l.StartsWith("ruleengine_rule_workers_idle"));
        Assert.Contains(body.Split('\n'), l => l.StartsWith("ruleengine_rule_workers_failed"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_runs") && l.Contains("status=\"succeeded\"") && l.EndsWith(" 1"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_run_duration") && l.Contains("_sum"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_customers_evaluated") && l.EndsWith(" 40"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_outcomes") && l.Contains("type=\"points_entry\"") && l.EndsWith(" 7"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_compile_failures") && l.EndsWith(" 1"));
    }

    [Fact]
    public async Task Refused_keys_are_counted_by_reason()
    {
        using var stranger = factory.CreateClient(null);
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "a-guess");
        await stranger.GetAsync("/api/me");
        using var admin = factory.CreateClient("admin");

        var body = await admin.GetStringAsync("/metrics");

        Assert.Contains(body.Split('\n'), l => l.StartsWith("ruleengine_auth_failures") && l.Contains("reason=\"unknown_key\""));
    }
}

/// <summary>
/// Alone, after the parallel tests: the exporter listens to every meter named RuleEngine in the process, so another test
/// server's idle storage gauges (0 commits) could stand in for this server's.
/// </summary>
[Collection(nameof(StorageMetricsTests))]
// LiteDB only: the engine lock and durable-wait figures are LiteDB's (on PostgreSQL they stay 0).
[Trait("Backend", "litedb")]
public class StorageMetricsTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Fact]
    public async Task The_storage_writer_and_lock_are_measured_in_the_metrics()
    {
        using var ops = factory.CreateClient("ops");
        (await ops.PostAsync("/api/customers", new StringContent("""[{"id":"m1"}]""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        factory.Services.GetRequiredService<RuleEngineMetrics>();

        var lines = (await ops.GetStringAsync("/metrics")).Split('\n').Where(l => !l.StartsWith('#')).ToList();

        double Value(string name) => lines.Where(l => l.StartsWith(name)).Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Value("ruleengine_storage_commits") >= 1, string.Join("\n", lines.Where(l => l.Contains("storage"))));
        Assert.True(Value("ruleengine_storage_writer_busy") > 0);
        Assert.True(Value("ruleengine_storage_lock_held") > 0);
        Assert.Contains(lines, l => l.StartsWith("ruleengine_storage_writes_waiting"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_storage_lock_wait"));
        Assert.Contains(lines, l => l.StartsWith("ruleengine_storage_writer_durable_wait"));
    }

    [Fact]
    public async Task The_garbage_collector_and_thread_pool_are_measured_in_the_metrics()
    {
        using var ops = factory.CreateClient("ops");
        factory.Services.GetRequiredService<RuleEngineMetrics>();
        GC.Collect(); // a pause to count, whatever ran before

        var lines = (await ops.GetStringAsync("/metrics")).Split('\n').Where(l => !l.StartsWith('#')).ToList();

        double Value(string name) => lines.Where(l => l.StartsWith(name)).Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Value("ruleengine_runtime_gc_pause") > 0, string.Join("\n", lines.Where(l => l.Contains("runtime"))));
        Assert.True(Value("ruleengine_runtime_thread_pool_threads") >= 1);
        Assert.Contains(lines, l => l.StartsWith("ruleengine_runtime_thread_pool_queued"));
    }
}

[CollectionDefinition(nameof(StorageMetricsTests), DisableParallelization = true)]
public sealed class StorageMetricsCollection;
