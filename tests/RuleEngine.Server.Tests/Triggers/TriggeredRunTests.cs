using System.Net;
using System.Text.Json;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using static RuleEngine.Server.Tests.Triggers.TriggerTestApp;

namespace RuleEngine.Server.Tests.Triggers;

/// <summary>
/// A rule with <c>trigger: orders</c> pays a new order within moments, through an audited run with trigger "event";
/// the same order again pays nothing; a burst for one customer is one evaluation; late orders count; an edit made while
/// customers wait applies to them. Each test uses its own customers, so they share one server.
/// </summary>
public sealed class TriggeredRunTests : IClassFixture<TriggerTestApp>, IAsyncLifetime
{
    const string Points = """
        // kind: reward
        // trigger: orders
        foreach (var order in Orders.Where(o => o.Status == OrderStatus.Paid && o.At > Now.AddDays(-35)))
            AwardPoints((long)(order.Amount / 10m), $"order:{order.Id}", $"order {order.Id}");
        """;

    readonly TriggerTestApp _app;
    readonly HttpClient _ops;

    public TriggeredRunTests(TriggerTestApp app)
    {
        _app = app;
        _ops = app.CreateClient("ops");
    }

    public async Task InitializeAsync()
    {
        _app.Dispatcher.Resume();
        await _app.WriteRuleAsync("order-points.csx", Points);
    }

    public Task DisposeAsync()
    {
        _app.Dispatcher.Resume();
        return Task.CompletedTask;
    }

    async Task CustomerAsync(string id) =>
        Assert.Equal(HttpStatusCode.OK, (await _ops.PostNdjson("/api/customers", IngestClient.Ndjson(new { id }))).StatusCode);

    async Task OrderAsync(string id, string customer, decimal amount, DateTime at) =>
        Assert.Equal(HttpStatusCode.OK, (await _ops.PostNdjson("/api/orders", Order(id, customer, amount, at))).StatusCode);

    Task<List<JsonElement>> PointsOf(string customer) => PointsAsync(_ops, customer);

    [Fact]
    public async Task A_new_order_is_paid_once_by_an_event_run_that_auditors_can_read()
    {
        await CustomerAsync("t1");
        await OrderAsync("t1-o1", "t1", 250, DateTime.UtcNow.AddMinutes(-1));

        var entry = await Eventually.GetAsync(async () => (await PointsOf("t1")).Cast<JsonElement?>().FirstOrDefault(), "the order's points");
        Assert.Equal(25, entry.GetProperty("delta").GetInt64());
        Assert.Equal("order:t1-o1", entry.GetProperty("key").GetString());
        var runId = entry.GetProperty("runId").GetString()!;
        // The points are readable as soon as their page commits; the run records its end just after.
        var run = await Eventually.GetAsync<JsonElement>(async () =>
        {
            var current = await GetJsonAsync(_ops, $"/api/runs/{runId}");
            return current.GetProperty("status").GetString() is "pending" or "running" ? (JsonElement?)null : current;
        }, "the event run to finish");
        Assert.Equal("event", run.GetProperty("trigger").GetString());
        Assert.Equal("trigger:orders", run.GetProperty("triggeredBy").GetString());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Contains(await EventRunsAsync(_ops, "order-points"), r => r.GetProperty("id").GetString() == runId);
        var audit = await GetJsonAsync(_app.CreateClient("auditor"), "/api/audit?limit=500");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetRawText().Contains(runId));

        await _app.DrainedAsync("orders");
        Assert.Single(await PointsOf("t1"));
    }

    [Fact]
    public async Task The_same_order_ingested_again_pays_nothing_more()
    {
        await CustomerAsync("t2");
        var at = DateTime.UtcNow.AddMinutes(-5);
        await OrderAsync("t2-o1", "t2", 100, at);
        await Eventually.TrueAsync(async () => (await PointsOf("t2")).Count == 1, "the first payment");
        var runsBefore = (await EventRunsAsync(_ops, "order-points")).Count;

        await OrderAsync("t2-o1", "t2", 100, at);
        // The order is evaluated again (a new event run) and that run applies nothing.
        await Eventually.TrueAsync(async () => (await EventRunsAsync(_ops, "order-points")).Count > runsBefore, "the re-evaluation");
        await _app.DrainedAsync("orders");

        var entries = await PointsOf("t2");
        Assert.Single(entries);
        Assert.Equal(10, entries[0].GetProperty("delta").GetInt64());
    }

    [Fact]
    public async Task A_hundred_orders_for_one_customer_are_one_evaluation()
    {
        await CustomerAsync("t3");
        _app.Dispatcher.Pause();
        for (var i = 0; i < 100; i++) await OrderAsync($"t3-o{i}", "t3", 10, DateTime.UtcNow.AddMinutes(-i));
        var pending = await GetJsonAsync(_ops, "/api/triggers");
        var rule = pending.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "order-points");
        Assert.Equal(1, rule.GetProperty("pendingCustomers").GetInt64());
        var runsBefore = (await EventRunsAsync(_ops, "order-points")).Select(r => r.GetProperty("id").GetString()).ToHashSet();

        _app.Dispatcher.Resume();
        await Eventually.TrueAsync(async () => (await PointsOf("t3")).Count == 100, "all 100 orders paid");
        await _app.DrainedAsync("orders");

        var newRuns = (await EventRunsAsync(_ops, "order-points")).Where(r => !runsBefore.Contains(r.GetProperty("id").GetString())).ToList();
        var run = Assert.Single(newRuns);
        Assert.Equal(1, run.GetProperty("counts").GetProperty("evaluated").GetInt64());
        Assert.Equal(100, run.GetProperty("counts").GetProperty("pointsEntries").GetInt64());
    }

    [Fact]
    public async Task A_late_order_dated_yesterday_is_paid_when_it_arrives_and_one_dated_beyond_the_lookback_is_not()
    {
        await CustomerAsync("t4");
        await OrderAsync("t4-old", "t4", 500, DateTime.UtcNow.AddDays(-40));
        await OrderAsync("t4-late", "t4", 300, DateTime.UtcNow.AddDays(-1));

        await Eventually.TrueAsync(async () => (await PointsOf("t4")).Count == 1, "the late order paid");
        await _app.DrainedAsync("orders");
        var entry = Assert.Single(await PointsOf("t4"));
        Assert.Equal("order:t4-late", entry.GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_rule_edited_while_customers_wait_evaluates_them_with_the_new_version()
    {
        await CustomerAsync("t5");
        _app.Dispatcher.Pause();
        await OrderAsync("t5-o1", "t5", 100, DateTime.UtcNow.AddMinutes(-1));
        await _app.WriteRuleAsync("order-points.csx", Points.Replace("order.Amount / 10m", "order.Amount / 5m"));
        var rule = await GetJsonAsync(_ops, "/api/rules/order-points");
        var newHash = rule.GetProperty("versionHash").GetString();
        Assert.Equal("orders", Assert.Single(rule.GetProperty("triggers").EnumerateArray()).GetString());

        _app.Dispatcher.Resume();
        var entry = await Eventually.GetAsync(async () => (await PointsOf("t5")).Cast<JsonElement?>().FirstOrDefault(), "the payment");
        Assert.Equal(20, entry.GetProperty("delta").GetInt64());
        var run = await GetJsonAsync(_ops, $"/api/runs/{entry.GetProperty("runId").GetString()}");
        Assert.Equal(newHash, run.GetProperty("versionHash").GetString());
        await _app.WriteRuleAsync("order-points.csx", Points);
    }

    [Fact]
    public async Task An_order_for_an_unknown_customer_is_refused_and_triggers_nothing()
    {
        var response = await _ops.PostNdjson("/api/orders", Order("t6-o1", "nobody-t6", 100, DateTime.UtcNow));
        Assert.Equal(1, (await response.Counts()).Rejected);
        var triggers = await GetJsonAsync(_ops, "/api/triggers");
        Assert.Equal(0, triggers.GetProperty("pendingCustomers").GetInt64());
    }

    [Fact]
    public async Task Triggers_endpoint_shows_pending_customers_then_the_last_batch()
    {
        await CustomerAsync("t7");
        _app.Dispatcher.Pause();
        await OrderAsync("t7-o1", "t7", 100, DateTime.UtcNow);
        var before = (await GetJsonAsync(_app.CreateClient("auditor"), "/api/triggers")).GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("rule").GetString() == "order-points");
        Assert.Equal(1, before.GetProperty("pendingCustomers").GetInt64());
        Assert.True(before.GetProperty("oldestPendingAgeSeconds").GetDouble() >= 0);

        _app.Dispatcher.Resume();
        await _app.DrainedAsync("orders");
        var after = await GetJsonAsync(_ops, "/api/triggers");
        Assert.Equal("ok", after.GetProperty("status").GetString());
        var rule = after.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "order-points");
        Assert.Equal(0, rule.GetProperty("pendingCustomers").GetInt64());
        Assert.True(rule.GetProperty("lastBatchLatencyMs").GetDouble() > 0);
        Assert.Equal("succeeded", rule.GetProperty("lastRunStatus").GetString());
        var ready = await GetJsonAsync(_app.CreateClient((string?)null), "/health/ready");
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "triggers" && c.GetProperty("status").GetString() == "healthy");
    }
}
