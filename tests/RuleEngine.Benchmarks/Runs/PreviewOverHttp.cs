using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// The analyst's view of a preview: the server (Release) on its own demo data (3,000 customers), the library's
/// <c>membership-tier</c> rule after one real run has stored its tiers, and a draft that counts spend 1.5 times (a
/// promotion). Each round times, from request to finished run over REST, a dry run of the live rule and a preview of the
/// draft (which includes compiling the draft at the request), alternating which goes first.
/// </summary>
public static class PreviewOverHttp
{
    const string Rule = "membership-tier";

    public static async Task<int> RunAsync(int rounds)
    {
        var data = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var rules = Path.Combine(RepositoryRoot(), "rules");
            using var server = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), data, TimeSpan.FromMinutes(3),
                new Dictionary<string, string> { ["RuleEngine__SeedDemoData"] = "true", ["RuleEngine__RulesPath"] = rules });
            using var client = server.CreateClient(ServerProcess.AdminKey);
            var live = await File.ReadAllTextAsync(Path.Combine(rules, "segmentation", $"{Rule}.csx"));
            var draft = live.Replace("var earned = EarnedTierLevel(spend);", "var earned = EarnedTierLevel(spend * 1.5m);");
            if (draft == live) throw new InvalidOperationException("The draft edit no longer applies to the rule's text.");

            // The catalog compiles the library after the server starts answering.
            for (var i = 0; !(await client.GetAsync($"/api/rules/{Rule}")).IsSuccessStatusCode; i++)
                if (i < 600) await Task.Delay(100); else throw new TimeoutException($"Rule {Rule} was not loaded.");
            var state = await TimeAsync(client, $"/api/rules/{Rule}/runs", new { });
            Console.WriteLine($"real run (stores the tiers): {state.Seconds:N2} s, {state.Run.GetProperty("counts").GetProperty("evaluated")} evaluated, load average {RunComparison.LoadAverage()}");
            await TimeAsync(client, $"/api/rules/{Rule}/runs", new { dryRun = true }); // warm-up
            await TimeAsync(client, $"/api/rules/{Rule}/preview", new { text = draft });

            Console.WriteLine("| round | dry run, request to finished (s) | preview, request to finished (s) | ratio | load average (1 min) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            var dry = new List<double>();
            var preview = new List<double>();
            JsonElement last = default;
            for (var round = 1; round <= rounds; round++)
            {
                double d, p;
                if (round % 2 == 0)
                {
                    (last, p) = await TimeAsync(client, $"/api/rules/{Rule}/preview", new { text = draft });
                    d = (await TimeAsync(client, $"/api/rules/{Rule}/runs", new { dryRun = true })).Seconds;
                }
                else
                {
                    d = (await TimeAsync(client, $"/api/rules/{Rule}/runs", new { dryRun = true })).Seconds;
                    (last, p) = await TimeAsync(client, $"/api/rules/{Rule}/preview", new { text = draft });
                }
                dry.Add(d);
                preview.Add(p);
                Console.WriteLine($"| {round} | {d:N2} | {p:N2} | {p / d:N2} | {RunComparison.LoadAverage()} |");
            }
            Console.WriteLine($"\nmedian dry run {Median(dry):N2} s, median preview {Median(preview):N2} s, ratio {Median(preview) / Median(dry):N2}");
            var impact = last.GetProperty("impact");
            Console.WriteLine($"last preview: {last.GetProperty("progress").GetProperty("processed")} customers, " +
                $"{impact.GetProperty("customersDiffering")} differ; moves: {string.Join(", ", impact.GetProperty("moves").EnumerateArray().Take(5).Select(m => $"{m.GetProperty("from")}→{m.GetProperty("to")} {m.GetProperty("customers")}"))}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<(JsonElement Run, double Seconds)> TimeAsync(HttpClient client, string path, object body)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (run.GetProperty("status").GetString() is not ("pending" or "running"))
            {
                watch.Stop();
                if (run.GetProperty("status").GetString() != "succeeded") throw new InvalidOperationException($"{path}: {run}");
                return (run, watch.Elapsed.TotalSeconds);
            }
            await Task.Delay(20);
        }
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RuleEngine.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("RuleEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
