using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RuleEngine.Benchmarks.Ingest.Data;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Benchmarks.Triggers;

/// <summary>
/// Event triggers end to end, the real server as a child process with the shipped rules:
/// 1. (with <c>bulk</c>) the outbox's cost on bulk ingest over REST: the same orders into a server with triggers off and
///    on with evaluation held back (only the outbox writes); <see cref="OutboxIngestCost"/> measures it without HTTP;
/// 2. steady ingest (orders/s in batches of 50 on the demo customers): latency from an order's ingest acknowledgement
///    to its purchase-points entry readable over REST (one sampled order per batch), evaluated customers/s next to
///    ingested orders/s, and the backlog sampled each second (bounded or not). It is measured after a warm-up: the same
///    steady ingest, unmeasured, then drained. A fresh server spends its first seconds JIT-compiling the ingest and run
///    paths and starting rule workers, so its first batches are thousands of customers and seconds long; measured
///    from cold, those seconds were most of the p99 (docs/performance.md, "Event triggers", session 19).
/// <c>dotnet run -c Release --project tests/RuleEngine.Benchmarks -- triggers [steady seconds] [demo orders] [orders/s] [warm-up seconds] [bulk]</c>
/// </summary>
public static class TriggerBenchmark
{
    const int BatchSize = 50;

    /// <param name="serverSettings">Settings of the measured (steady-phase) server, as environment variables.</param>
    public static async Task<int> RunAsync(int steadySeconds, int bulkOrders, int ordersPerSecond, bool bulk, IReadOnlyDictionary<string, string>? serverSettings = null,
        int warmUpSeconds = 20)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-trigger-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var data = BenchmarkData.Create(bulkOrders, work);
            Console.WriteLine($"{data.Customers.Count:N0} demo customers, {data.Orders.Count:N0} of their orders");
            var rules = Path.Combine(Root(), "rules");
            if (bulk)
            {
                var off = await BulkAsync(data, Path.Combine(work, "off"), rules, new() { ["RuleEngine__Triggers__Enabled"] = "false" }, null);
                var held = await BulkAsync(data, Path.Combine(work, "held"), rules, new() { ["RuleEngine__Triggers__BatchWindow"] = "01:00:00" }, null);
                Console.WriteLine();
                Console.WriteLine("| bulk ingest of the same orders over REST | seconds | orders/s | vs triggers off |");
                Console.WriteLine("|---|---:|---:|---:|");
                Row("triggers off", off, data.Orders.Count, off);
                Row("triggers on, evaluation held back (outbox writes only)", held, data.Orders.Count, off);
            }

            // The steady phase starts from a quiet outbox: the customers are loaded with triggers off (their profiles
            // would otherwise queue 20,000 evaluations of the customers-triggered rules first), then the server restarts
            // with triggers on, as it would run in production.
            var folder = Path.Combine(work, "steady");
            using (var loader = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), folder, TimeSpan.FromSeconds(120),
                       new Dictionary<string, string> { ["RuleEngine__RulesPath"] = rules, ["RuleEngine__Triggers__Enabled"] = "false" }))
            using (var client = loader.CreateClient())
            {
                await PostFileAsync(client, "/api/customers", data.CustomersNdjson);
            }
            using (var server = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), folder, TimeSpan.FromSeconds(120),
                       new Dictionary<string, string>(serverSettings ?? new Dictionary<string, string>())
                       {
                           ["RuleEngine__RulesPath"] = rules, ["RuleEngine__Limits__WritesPerWindow"] = "1000000",
                       }))
            using (var client = server.CreateClient())
            {
                await WaitForRulesAsync(client);
                var customerIds = data.Customers.Select(c => c.Id).ToList();
                if (warmUpSeconds > 0) Console.WriteLine(await WarmUpAsync(client, customerIds, warmUpSeconds, ordersPerSecond));
                Console.WriteLine();
                Console.WriteLine(await SteadyAsync(client, customerIds, steadySeconds, ordersPerSecond));
                Console.WriteLine(await client.GetStringAsync("/api/triggers"));
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    static void Row(string name, double seconds, int orders, double offSeconds) =>
        Console.WriteLine($"| {name} | {seconds:N2} | {orders / seconds:N0} | {offSeconds / seconds:N2} |");

    /// <summary>Seconds to ingest the orders (after the customers); <paramref name="after"/> then runs against the same server.</summary>
    static async Task<double> BulkAsync(BenchmarkData data, string folder, string rules, Dictionary<string, string> settings,
        Func<HttpClient, DateTime, Task>? after)
    {
        settings["RuleEngine__RulesPath"] = rules;
        using var server = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), folder, TimeSpan.FromSeconds(120), settings);
        using var client = server.CreateClient();
        await WaitForRulesAsync(client);
        await PostFileAsync(client, "/api/customers", data.CustomersNdjson);
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        await PostFileAsync(client, "/api/orders", data.OrdersNdjson);
        watch.Stop();
        Console.WriteLine($"{Path.GetFileName(folder)}: {data.Orders.Count:N0} orders in {watch.Elapsed.TotalSeconds:N2} s");
        if (after is not null) await after(client, started);
        return watch.Elapsed.TotalSeconds;
    }

    static async Task WaitForRulesAsync(HttpClient client)
    {
        // The shipped rules compile at start-up; measuring before they are active would measure the compiler.
        for (var i = 0; i < 600; i++)
        {
            var rules = await client.GetFromJsonAsync<JsonElement>("/api/rules");
            if (rules.GetArrayLength() > 0 && rules.EnumerateArray().All(r => r.GetProperty("status").GetString() != "invalid" && r.GetProperty("versionHash").ValueKind == JsonValueKind.String)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The rules never became active.");
    }

    static async Task PostFileAsync(HttpClient client, string path, string file)
    {
        await using var body = File.OpenRead(file);
        var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync(path, content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    static async Task<long> PendingAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/triggers")).GetProperty("pendingCustomers").GetInt64();


    /// <summary>Customers evaluated by purchase-points' event runs created since <paramref name="since"/>.</summary>
    static async Task<(long Customers, int Runs)> EvaluatedAsync(HttpClient client, DateTime since)
    {
        long customers = 0;
        var runs = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/api/runs?trigger=event&rule=purchase-points&from={since:O}&limit=1000" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            foreach (var run in page.GetProperty("items").EnumerateArray())
            {
                customers += run.GetProperty("counts").GetProperty("evaluated").GetInt64();
                runs++;
            }
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (cursor is not null);
        return (customers, runs);
    }

    /// <summary>
    /// Where the event runs' time went, per rule: from the run's record created to its start (the rule lock, the record's
    /// commit) and from its start to its finish (reads, evaluation, outcomes and the final records all committed).
    /// </summary>
    static async Task<string> RunTimesAsync(HttpClient client, DateTime since)
    {
        var runs = new List<(string Rule, double Waited, double Ran, long Customers)>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/api/runs?trigger=event&from={since:O}&limit=1000" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            foreach (var run in page.GetProperty("items").EnumerateArray())
            {
                if (run.GetProperty("startedAt").ValueKind != JsonValueKind.String || run.GetProperty("finishedAt").ValueKind != JsonValueKind.String) continue;
                var (created, started, finished) = (run.GetProperty("createdAt").GetDateTime(), run.GetProperty("startedAt").GetDateTime(), run.GetProperty("finishedAt").GetDateTime());
                runs.Add((run.GetProperty("rule").GetString()!, (started - created).TotalMilliseconds, (finished - started).TotalMilliseconds,
                    run.GetProperty("counts").GetProperty("evaluated").GetInt64()));
            }
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (cursor is not null);
        var text = new StringBuilder();
        text.AppendLine("| event runs of | runs | customers per run, mean | created → started, mean ms | started → finished, mean ms | p90 ms | ms per customer |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var rule in runs.GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ran = rule.Select(r => r.Ran).Order().ToList();
            text.AppendLine($"| {rule.Key} | {rule.Count():N0} | {rule.Average(r => r.Customers):N0} | {rule.Average(r => r.Waited):N0} | {ran.Average():N0} | " +
                $"{ran[Math.Min(ran.Count - 1, (int)Math.Ceiling(0.9 * ran.Count) - 1)]:N0} | {ran.Sum() / Math.Max(1, rule.Sum(r => r.Customers)):N2} |");
        }
        return text.ToString();
    }

    /// <summary>The steady ingest, unmeasured, then waiting (at most two minutes) until nothing is pending.</summary>
    static async Task<string> WarmUpAsync(HttpClient client, IReadOnlyList<string> customers, int seconds, int ordersPerSecond)
    {
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>();
        foreach (var batch in Batches(customers, seconds, ordersPerSecond, new Random(7), "warm-up"))
        {
            if (batch.Due > clock.Elapsed) await Task.Delay(batch.Due - clock.Elapsed);
            posts.Add(Task.Run(async () =>
            {
                using var response = await client.PostAsync("/api/orders", new StringContent(batch.Body, Encoding.UTF8, "application/x-ndjson"));
                response.EnsureSuccessStatusCode();
            }));
        }
        await Task.WhenAll(posts);
        var ingested = clock.Elapsed;
        while (await PendingAsync(client) > 0 && clock.Elapsed < ingested + TimeSpan.FromMinutes(2)) await Task.Delay(250);
        return $"Warm-up: {seconds} s of the same ingest, drained {(clock.Elapsed - ingested).TotalSeconds:N1} s after it (not measured)";
    }

    /// <summary>
    /// Batches of <see cref="BatchSize"/> new orders of random customers, each with the time it is due on the clock;
    /// made when asked for, so that each is dated when it is sent.
    /// </summary>
    static IEnumerable<(TimeSpan Due, string Body, string SampleId, string SampleCustomer)> Batches(
        IReadOnlyList<string> customers, int seconds, int ordersPerSecond, Random random, string prefix)
    {
        var interval = TimeSpan.FromSeconds((double)BatchSize / ordersPerSecond);
        var batches = (int)(seconds / interval.TotalSeconds);
        for (var batch = 0; batch < batches; batch++)
        {
            var rows = Enumerable.Range(0, BatchSize).Select(i => (Id: $"{prefix}-{batch}-{i}", Customer: customers[random.Next(customers.Count)])).ToList();
            var body = new StringBuilder();
            var now = DateTime.UtcNow.ToString("O");
            foreach (var row in rows)
                body.Append(JsonSerializer.Serialize(new { id = row.Id, customerId = row.Customer, amount = 50 + random.Next(450), at = now })).Append('\n');
            yield return (interval * batch, body.ToString(), rows[0].Id, rows[0].Customer);
        }
    }

    static async Task<string> SteadyAsync(HttpClient client, IReadOnlyList<string> customers, int seconds, int ordersPerSecond)
    {
        var random = new Random(42);
        var outstanding = new ConcurrentDictionary<string, (string Customer, long AckTicks)>();
        var latencies = new ConcurrentBag<double>();
        var backlog = new List<(double At, long Pending)>();
        var posts = new List<Task>();
        var ingested = 0;
        var failed = 0;
        var since = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || !outstanding.IsEmpty)
            {
                foreach (var (order, (customer, ackTicks)) in outstanding)
                {
                    var ledger = await client.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}/points?limit=1000");
                    if (!ledger.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("key").GetString() == $"order:{order}")) continue;
                    latencies.Add((Stopwatch.GetTimestamp() - ackTicks) * 1000.0 / Stopwatch.Frequency);
                    outstanding.TryRemove(order, out _);
                }
                if (clock.Elapsed.TotalSeconds > seconds + 60) break; // whatever is still missing counts as lost below
                await Task.Delay(5);
            }
        });
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                backlog.Add((clock.Elapsed.TotalSeconds, await PendingAsync(client)));
                await Task.Delay(1000);
            }
        });

        foreach (var batch in Batches(customers, seconds, ordersPerSecond, random, "steady"))
        {
            if (batch.Due > clock.Elapsed) await Task.Delay(batch.Due - clock.Elapsed);
            // Open loop: batches go out on the clock whatever the answers take, as a shop's order stream would.
            posts.Add(Task.Run(async () =>
            {
                using var response = await client.PostAsync("/api/orders", new StringContent(batch.Body, Encoding.UTF8, "application/x-ndjson"));
                var ack = Stopwatch.GetTimestamp();
                if (!response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref failed) == 1) Console.WriteLine($"POST /api/orders: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return;
                }
                Interlocked.Add(ref ingested, BatchSize);
                outstanding[batch.SampleId] = (batch.SampleCustomer, ack);
            }));
        }
        await Task.WhenAll(posts);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var (evaluatedDuring, runsDuring) = await EvaluatedAsync(client, since);
        stop.Cancel();
        await poller;
        await sampler;
        var lost = outstanding.Count;
        var (evaluated, runs) = await EvaluatedAsync(client, since);

        var sorted = latencies.Order().ToList();
        double P(double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        var text = new StringBuilder();
        text.AppendLine($"Steady ingest: {ingested:N0} orders in {ingestSeconds:N1} s ({ingested / ingestSeconds:N0} orders/s asked {ordersPerSecond:N0}/s, batches of {BatchSize}), {failed} failed posts");
        text.AppendLine();
        text.AppendLine("| ingest ack → points readable over REST | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine($"| samples (first order of each batch) | {sorted.Count:N0} |");
        text.AppendLine($"| p50 | {P(0.50):N0} ms |");
        text.AppendLine($"| p90 | {P(0.90):N0} ms |");
        text.AppendLine($"| p99 | {P(0.99):N0} ms |");
        text.AppendLine($"| max | {(sorted.Count == 0 ? double.NaN : sorted[^1]):N0} ms |");
        text.AppendLine($"| never paid within 60 s of the end | {lost} |");
        text.AppendLine();
        text.AppendLine("| throughput over the steady period | per second |");
        text.AppendLine("|---|---:|");
        text.AppendLine($"| orders ingested | {ingested / ingestSeconds:N0} |");
        text.AppendLine($"| customers evaluated by purchase-points (event runs, during ingest) | {evaluatedDuring / ingestSeconds:N0} |");
        text.AppendLine($"| event runs of purchase-points (batches) | {runsDuring / ingestSeconds:N1} |");
        text.AppendLine($"| customers evaluated in all, incl. the tail after ingest stopped | {evaluated:N0} in {runs} runs |");
        text.AppendLine();
        text.AppendLine(await RunTimesAsync(client, since));
        text.AppendLine($"Backlog (pending customers, all kinds) sampled each second: max {backlog.Select(b => b.Pending).DefaultIfEmpty().Max():N0}, " +
            $"mean {backlog.Select(b => (double)b.Pending).DefaultIfEmpty().Average():N0}, last {backlog.Select(b => b.Pending).LastOrDefault():N0}; " +
            $"per 10 s: {string.Join(" ", backlog.Where((_, i) => i % 10 == 0).Select(b => b.Pending.ToString("N0")))}");
        return text.ToString();
    }

    static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RuleEngine.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("RuleEngine.sln not found");
    }
}
