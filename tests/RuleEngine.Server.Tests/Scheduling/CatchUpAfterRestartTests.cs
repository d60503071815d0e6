using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Quartz;
using RuleEngine.Runs;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Scheduling;

/// <summary>A server that was down over several slots of a rule runs it once, for the latest, after recovering crashed runs.</summary>
// LiteDB only: the in-memory store's start-up catch-up; a cluster's is Quartz's own (ClusteredSchedulerOnPostgres, Core.Tests).
[Trait("Backend", "litedb")]
public sealed class CatchUpAfterRestartTests : IDisposable
{
    readonly RuleEngineAppFactory _app = new();

    [Fact]
    public async Task Server_started_after_three_missed_slots_runs_the_rule_once_for_the_latest()
    {
        // Hourly, half an hour away from now, so no slot falls due while the test runs.
        var minute = (DateTime.UtcNow.Minute + 30) % 60;
        var cron = $"0 {minute} * * * ?";
        var latest = LatestSlotBefore(cron, DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(Path.Combine(_app.RulesPath, "hourly.csx"),
            $"// kind: segmentation\n// schedule: {cron}\nSetSegment(\"seen\", \"yes\", \"hourly\");\n");
        await SeedRunsAsync(
            Run("hourly@before-the-stop", RunStatus.Succeeded, scheduledFor: latest.AddHours(-3)),
            Run("crashed-manual-run", RunStatus.Running, scheduledFor: null)); // left running by the stop

        using var client = _app.CreateClient("admin");
        var expectedId = $"hourly@{latest.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        await Eventually.TrueAsync(async () => (await client.GetAsync($"/api/runs/{expectedId}")).IsSuccessStatusCode,
            $"the catch-up run {expectedId}");

        var runs = (await client.GetFromJsonAsync<JsonElement>("/api/runs?rule=hourly")).GetProperty("items").EnumerateArray().ToList();
        var scheduled = runs.Where(r => r.GetProperty("trigger").GetString() == "schedule").Select(r => r.GetProperty("id").GetString());
        Assert.Equal([expectedId, "hourly@before-the-stop"], scheduled.Order(StringComparer.Ordinal));
        Assert.Equal("interrupted", runs.Single(r => r.GetProperty("id").GetString() == "crashed-manual-run").GetProperty("status").GetString());
    }

    static DateTime LatestSlotBefore(string cron, DateTimeOffset now)
    {
        var expression = new CronExpression(cron, TimeZoneInfo.Utc);
        return expression.GetNextValidTimeAfter(now.AddHours(-1))!.Value.UtcDateTime;
    }

    static Run Run(string id, RunStatus status, DateTime? scheduledFor) => new()
    {
        Id = id, Rule = "hourly", Trigger = scheduledFor is null ? RunTrigger.Manual : RunTrigger.Schedule,
        TriggeredBy = scheduledFor is null ? "ops" : "scheduler", AsOf = scheduledFor ?? DateTime.UtcNow.AddHours(-1),
        ScheduledFor = scheduledFor, Status = status, CreatedAt = DateTime.UtcNow.AddHours(-1),
    };

    /// <summary>Writes runs into the database file before the server opens it, as a previous life of the server would have.</summary>
    async Task SeedRunsAsync(params Run[] runs)
    {
        using var database = LiteDbFile.Open(_app.DataPath);
        await using var writer = new LiteDbWriter(database);
        var store = new LiteDbRunStore(database, writer);
        foreach (var run in runs) await store.SaveAsync(run);
    }

    public void Dispose() => _app.Dispose();
}
