using System.Diagnostics;
using System.Globalization;
using System.Text;
using RuleEngine.Demo;
using RuleEngine.Reliability.Serving;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// A bulk ingest with readers beside it: one client posts orders in batches of <c>batch</c> rows (NDJSON) as fast as
/// the server takes them, in four equal phases, alone and with readers alternately (alone, with, alone, with: the
/// file grows through all four, so each kind meets both a smaller and a larger file). The readers (<c>readers</c>
/// clients) read random customers and a known run back to back. Reported: the ingest rate in each phase, the rate with
/// readers against the rate alone, and the readers' latency. Goals (issue "reads never wait behind ingest"):
/// `GET /api/customers/{id}` and `GET /api/runs/{id}` p99 ≤ 50 ms, ingest with readers ≥ 0.8x alone.
/// With <c>control</c> the readers ask <c>GET /api/me</c> instead (the same HTTP and key check, no storage): what the
/// ingest loses to readers sharing the machine's cores rather than the storage lock. With <c>hot</c> the customers read
/// are the first <see cref="HotCustomers"/> (a shop's active members, read again and again) while the ingest still
/// spreads over every customer.
/// With <c>paced</c> (reads per second, all readers together) the readers send on a fixed schedule instead of back to back
/// (an open loop, as a shop's checkouts or a console's users arrive: they do not wait for each other's answers), and
/// a request's latency counts from when it was due, so a reader that fell behind shows it. Unpaced, eight readers that
/// each ask again the moment they are answered take as much of the two cores as the server and the ingest client, and
/// their p99 measures that share as much as any wait at the storage lock (reliability.md, session 21).
/// </summary>
public sealed class IngestWithReads(LoadSettings settings, int orders, int batch, TextWriter log, bool control = false, bool hot = false, int paced = 0)
{
    public const int HotCustomers = 1_000;

    public async Task<bool> RunAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "ruleengine-load", Guid.NewGuid().ToString("N"));
        try
        {
            using var load = await LoadServer.StartAsync(settings, data, log);
            var (server, http) = (load.Server, load.Http);
            var run = await http.TriggerAsync("purchase-points", DemoDataGenerator.Until, dryRun: true);

            var phase = orders / 4;
            var rates = new List<(bool WithReaders, double OrdersPerSecond)>();
            var book = new LatencyBook();
            var sent = 0;
            for (var p = 0; p < 4; p++)
            {
                var withReaders = p % 2 == 1;
                using var stop = new CancellationTokenSource();
                var readers = withReaders
                    ? Enumerable.Range(0, settings.Clients).Select(i => ReadAsync(http, run, new Random(i), book, Schedule(i), stop.Token)).ToList()
                    : [];
                var before = await ServerCounters.ReadAsync(http, server);
                var clock = Stopwatch.StartNew();
                for (var done = 0; done < phase; done += batch, sent += batch)
                {
                    using var response = await http.PostAsync("/api/orders", Batch(sent, Math.Min(batch, phase - done)));
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                var rate = phase / clock.Elapsed.TotalSeconds;
                await stop.CancelAsync();
                await Task.WhenAll(readers);
                rates.Add((withReaders, rate));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase {p + 1} ({(withReaders ? $"{settings.Clients} readers" : "alone")}): {phase:N0} orders at {rate:N0}/s"));
                log.WriteLine("  " + (await ServerCounters.ReadAsync(http, server)).PerSecondSince(before, clock.Elapsed));
            }
            var alone = rates.Where(r => !r.WithReaders).Average(r => r.OrdersPerSecond);
            var beside = rates.Where(r => r.WithReaders).Average(r => r.OrdersPerSecond);
            var figures = book.Figures().ToList();
            log.WriteLine();
            log.WriteLine("| endpoint (during ingest) | requests | errors | p50 ms | p99 ms | max ms |");
            log.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var e in figures) log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {e.Endpoint} | {e.Requests:N0} | {e.Errors} | {e.P50:N1} | {e.P99:N1} | {e.Max:N0} |"));
            log.WriteLine();
            var ratio = beside / alone;
            var goals = new List<(string Goal, bool Met)>
            {
                (string.Create(CultureInfo.InvariantCulture, $"ingest with readers ≥ 0.8x alone: {beside:N0} / {alone:N0} orders/s = {ratio:N2}x"), ratio >= 0.8),
            };
            goals.AddRange(figures.Select(e => (string.Create(CultureInfo.InvariantCulture, $"{e.Endpoint} p99 ≤ 50 ms: {e.P99:N1} ms"), e.P99 <= 50 && e.Errors == 0)));
            foreach (var (goal, met) in goals) log.WriteLine($"- goal {goal}: {(met ? "met" : "NOT MET")}");
            log.WriteLine(paced > 0 ? $"- readers: {settings.Clients}, paced at {paced:N0} reads/s in all (latency from when each request was due)"
                : $"- readers: {settings.Clients}, each asking again as soon as answered");
            log.WriteLine($"- machine: {Environment.ProcessorCount} cores, load average after {LoadTest.LoadAverage()}");
            var passed = goals.All(g => g.Met);
            log.WriteLine($"- verdict: {(passed ? "PASSED" : "FAILED")}");
            server.Kill();
            return passed;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>When reader <paramref name="reader"/>'s requests are due, or null when unpaced: readers staggered evenly.</summary>
    ReadSchedule? Schedule(int reader)
    {
        if (paced <= 0) return null;
        var interval = TimeSpan.FromSeconds((double)settings.Clients / paced);
        return new ReadSchedule(Stopwatch.GetTimestamp(), interval, interval * reader / settings.Clients);
    }

    async Task ReadAsync(HttpClient http, string runId, Random random, LatencyBook book, ReadSchedule? schedule, CancellationToken stop)
    {
        for (var n = 0L; !stop.IsCancellationRequested; n++)
        {
            var due = Stopwatch.GetTimestamp();
            if (schedule is { } s)
            {
                due = s.Due(n);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    try { await Task.Delay(wait, stop); }
                    catch (OperationCanceledException) { break; }
                }
            }
            var (endpoint, path) = control ? ("GET /api/me (control)", "/api/me")
                : random.Next(2) == 0
                ? ("GET /api/customers/{id}", $"/api/customers/{DemoDataGenerator.CustomerId(random.Next(hot ? Math.Min(HotCustomers, settings.Customers) : settings.Customers))}")
                : ("GET /api/runs/{id}", $"/api/runs/{runId}");
            int status;
            try
            {
                using var response = await http.GetAsync(path, CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
            book.Record(endpoint, status, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
        }
    }

    /// <summary>A paced reader's n-th request is due at start + offset + n × interval, whenever the one before answered.</summary>
    sealed record ReadSchedule(long Start, TimeSpan Interval, TimeSpan Offset)
    {
        public long Due(long n) => Start + (long)((Offset + Interval * n).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>New orders for random demo customers, dated before the demo's end (so triggered rules see them as past).</summary>
    StringContent Batch(int first, int rows)
    {
        var text = new StringBuilder();
        var random = new Random(first);
        for (var r = 0; r < rows; r++)
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"bulk-{first + r}\",\"customerId\":\"{DemoDataGenerator.CustomerId(random.Next(settings.Customers))}\",\"amount\":{10 + r % 90},\"at\":\"{DemoDataGenerator.Until.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}\"}}\n");
        return new StringContent(text.ToString(), Encoding.UTF8, "application/x-ndjson");
    }
}
