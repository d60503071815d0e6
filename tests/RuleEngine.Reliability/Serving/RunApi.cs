using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RuleEngine.Reliability.Serving;

/// <summary>A run as GET /api/runs/{id} shows it: the fields the reliability checks look at.</summary>
public sealed record RunState(string Id, string Status, long Processed, long Total, long PointsEntries, long TasksCreated, string? Error)
{
    public bool IsFinished => Status is "succeeded" or "failed" or "cancelled" or "interrupted";

    public static RunState From(JsonNode run) => new(
        run["id"]!.GetValue<string>(), run["status"]!.GetValue<string>(),
        run["progress"]!["processed"]!.GetValue<long>(), run["progress"]!["total"]?.GetValue<long>() ?? 0,
        run["counts"]!["pointsEntries"]!.GetValue<long>(), run["counts"]!["tasksCreated"]!.GetValue<long>(),
        run["error"]?.GetValue<string>())
    {
        CreatedAt = run["createdAt"]?.GetValue<DateTime>(), StartedAt = run["startedAt"]?.GetValue<DateTime>(), FinishedAt = run["finishedAt"]?.GetValue<DateTime>(),
    };

    public DateTime? CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
}

/// <summary>The runs part of the REST contract, as the crash campaign and the load test call it.</summary>
public static class RunApi
{
    public static async Task<string> TriggerAsync(this HttpClient client, string rule, DateTime asOf, bool dryRun = false)
    {
        using var response = await client.PostAsJsonAsync($"/api/rules/{rule}/runs", new { asOf, dryRun });
        return await IdFrom(response, $"trigger {rule}");
    }

    public static async Task<string> RerunAsync(this HttpClient client, string runId)
    {
        using var response = await client.PostAsync($"/api/runs/{runId}/rerun", null);
        return await IdFrom(response, $"rerun {runId}");
    }

    public static async Task<RunState> RunAsync(this HttpClient client, string runId) =>
        RunState.From((await client.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}"))!);

    /// <summary>Polls until the run has finished; throws when it has not within <paramref name="timeout"/>.</summary>
    public static async Task<RunState> FinishedAsync(this HttpClient client, string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await client.RunAsync(runId);
            if (run.IsFinished) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Run {runId} still {run.Status} after {timeout.TotalSeconds:N0} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the rule has compiled and is active: a freshly started server loads its rules in the background.</summary>
    public static async Task RuleActiveAsync(this HttpClient client, string rule, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync($"/api/rules/{rule}");
            if (response.IsSuccessStatusCode
                && JsonNode.Parse(await response.Content.ReadAsStringAsync())?["status"]?.GetValue<string>() == "active") return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Rule {rule} not active after {timeout.TotalSeconds:N0} s ({(int)response.StatusCode}).");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until GET /health/ready answers 200 (storage open, runs recovered, scheduler following).</summary>
    public static async Task ReadyAsync(this HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/health/ready still {(int)response.StatusCode} after {timeout.TotalSeconds:N0} s.");
            await Task.Delay(200);
        }
    }

    static async Task<string> IdFrom(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }
}
