using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RuleEngine.Benchmarks.Runs;
using RuleEngine.Browser.Tests.Support;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Benchmarks.Watching;

/// <summary>
/// How long a run's log line takes to appear on the console's run page in a real browser: from the time the run
/// stamps on the line (when the rule wrote it) to the moment the line's element is added to the page, both read from
/// this machine's clock. Against the Release server on loopback, Debian's headless Chromium on the console's run page,
/// a rule that writes a line every tenth customer while it works a few milliseconds on each (so lines arrive spread
/// over ~10 s, as a long run's would). The same lines read straight from <c>GET /api/runs/{id}/events</c> by a plain
/// HTTP client give the server's share apart from the console's (its circuit reads the stream and renders over
/// SignalR). Only lines written after the page was watching count, so a page's first render of the backlog does not.
/// </summary>
public static class LogLineToBrowser
{
    const string Rule = """
        // kind: reward
        // A few milliseconds of arithmetic per customer, and a line for every tenth: a slow run's log, spread over time.
        var x = 0.0;
        for (var i = 1; i < 400_000; i++) x += Math.Sqrt(i);
        if (Customer.Id.EndsWith("0")) Log($"worked on {Customer.Id}: {x:N0}");
        """;

    /// <summary>Records, for each log line added after now, how long after its stamp it was added.</summary>
    const string Observer = """
        window.__delays = [];
        const started = Date.now(), seen = new Set();
        const look = () => {
          const now = Date.now();
          document.querySelectorAll('#log-tail li[data-at]').forEach(li => {
            if (seen.has(li.dataset.sequence)) return;
            seen.add(li.dataset.sequence);
            const at = Date.parse(li.dataset.at);
            if (at >= started) window.__delays.push(now - at);
          });
        };
        look();
        window.__delays.length = 0;
        new MutationObserver(look).observe(document.body, { subtree: true, childList: true });
        """;

    public static async Task<int> RunAsync(int customers)
    {
        var data = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var rules = Directory.CreateDirectory(Path.Combine(data, "rules")).FullName;
            using var server = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), Path.Combine(data, "db"), TimeSpan.FromMinutes(3),
                new Dictionary<string, string> { ["RuleEngine__RulesPath"] = rules });
            using var admin = server.CreateClient(ServerProcess.AdminKey);
            var ids = Enumerable.Range(0, customers).Select(i => new { id = $"c{i:D5}" }).ToList();
            (await admin.PostAsJsonAsync("/api/customers", ids)).EnsureSuccessStatusCode();
            (await admin.PutAsync("/api/rules/slow-log", new StringContent(Rule, Encoding.UTF8, "text/plain"))).EnsureSuccessStatusCode();

            using var browser = new ConsoleBrowser(server.BaseAddress);
            browser.Go("runs");
            browser.SignIn(ServerProcess.AdminKey);
            var clock = Stopwatch.StartNew();
            var run = await (await admin.PostAsJsonAsync("/api/rules/slow-log/runs", new { })).Content.ReadFromJsonAsync<JsonElement>();
            var id = run.GetProperty("id").GetString()!;
            var stream = ReadStreamAsync(server.CreateClient(ServerProcess.AdminKey), id);
            browser.Go($"runs/{id}");
            browser.WaitFor("#log-tail");
            browser.Js(Observer);
            Console.WriteLine($"run page watching {clock.Elapsed.TotalSeconds:N1} s after the run was requested");
            while ((await admin.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString() is "queued" or "running")
                await Task.Delay(200);
            await Task.Delay(1_000); // the last lines' way to the page
            var inBrowser = ((IEnumerable<object>)browser.Js("return window.__delays;")!).Select(Convert.ToDouble).ToList();
            var overHttp = await stream;
            Console.WriteLine($"run of {customers:N0} customers took {clock.Elapsed.TotalSeconds:N1} s; load average {RunComparison.LoadAverage()}");
            Console.WriteLine("| path | lines | p50 ms | p95 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Report("written → `GET /api/runs/{id}/events` client", overHttp);
            Report("written → element on the console's run page (Chromium)", inBrowser);
            return inBrowser.Count > 0 && Percentile(inBrowser, 0.99) <= 1_000 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Each log line's delay from its stamp to its arrival on the event stream, until the stream ends with the run.</summary>
    static async Task<List<double>> ReadStreamAsync(HttpClient client, string runId)
    {
        using (client)
        {
            using var response = await client.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var delays = new List<double>();
            var started = DateTime.UtcNow;
            string? eventName = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "log")
                {
                    var at = JsonDocument.Parse(line[6..]).RootElement.GetProperty("at").GetDateTime().ToUniversalTime();
                    if (at >= started) delays.Add((DateTime.UtcNow - at).TotalMilliseconds);
                }
            }
            return delays;
        }
    }

    static void Report(string path, List<double> delays)
    {
        if (delays.Count == 0)
        {
            Console.WriteLine($"| {path} | 0 | | | | |");
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {path} | {delays.Count} | {Percentile(delays, 0.5):N0} | {Percentile(delays, 0.95):N0} | {Percentile(delays, 0.99):N0} | {delays.Max():N0} |"));
    }

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
