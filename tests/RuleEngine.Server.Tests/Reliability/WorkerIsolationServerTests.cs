using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RuleEngine.Server.Tests.TestHost;
using Xunit.Abstractions;

namespace RuleEngine.Server.Tests.Reliability;

/// <summary>
/// The cases no in-process guard can stop (docs/reliability.md), run against a real server process with rules in
/// worker processes: each fails its own run with the reason, while the server stays up (its resident memory measured
/// from outside), /health answers and a good rule's runs succeed between them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class WorkerIsolationServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    const int Customers = 12;
    const string GoodRule = "// kind: segmentation\nSetSegment(\"good\", \"yes\", \"always\");\n";

    // Name → (script, what the run's error or log must say: one of the alternatives separated by '|'). Where a case can
    // meet either guard first (memory or the page time limit: a loaded machine zeroes gigabytes slowly), both count.
    static readonly (string Name, string Script, string Says)[] BeyondTheGuards =
    [
        ("tuple-hash", "object x = 0; for (var i = 0; i < 1_000_000; i++) x = (x, i); SetSegment(\"h\", x.GetHashCode().ToString(), \"h\");", "stack overflow"),
        ("distinct-join", "IEnumerable<string> s = [\"a\"]; for (var i = 0; i < 1_000_000; i++) s = s.Distinct(); SetSegment(\"j\", string.Join(\",\", s), \"j\");", "stack overflow"),
        ("allocates-4gb", "var blocks = new List<byte[]>(); for (var i = 0; i < 64; i++) blocks.Add(new byte[64 * 1024 * 1024]); SetSegment(\"m\", blocks.Count.ToString(), \"m\");", "OutOfMemory|was stopped after"),
        ("holds-6gb-strings", "var held = new List<string>(); for (var i = 0; i < 6_000; i++) held.Add(new string('x', 512 * 1024)); SetSegment(\"s\", held.Count.ToString(), \"s\");", "OutOfMemory|was stopped after"),
        ("sorts-50m", "var list = Enumerable.Range(0, 50_000_000).Select(i => (int)(i * 2654435761L % 50_000_000)).ToList(); list.Sort(); SetSegment(\"o\", list[0].ToString(), \"o\");", "was stopped after|time limit"),
        ("long-framework-call", "var n = Enumerable.Repeat(1L, int.MaxValue).Concat(Enumerable.Repeat(1L, int.MaxValue)).Sum(); SetSegment(\"n\", n.ToString(), \"n\");", "was stopped after"),
    ];

    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-worker-isolation", Guid.NewGuid().ToString("N"));
    ServerProcess _server = null!;
    HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var rules = Path.Combine(_root, "rules");
        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "good.csx"), GoodRule);
        foreach (var (name, script, _) in BeyondTheGuards) File.WriteAllText(Path.Combine(rules, $"{name}.csx"), "// kind: segmentation\n" + script + "\n");
        // A rule whose given/expect case overflows the stack: its tests run when the folder is loaded, before any run.
        File.WriteAllText(Path.Combine(rules, "tested-overflow.csx"), "// kind: segmentation\n" + BeyondTheGuards[0].Script + "\n");
        File.WriteAllText(Path.Combine(rules, "tested-overflow.tests.json"),
            """{ "now": "2026-11-22T02:00:00Z", "cases": [ { "name": "any customer", "expect": [ { "segment": "h", "value": "0" } ] } ] }""");
        _server = await ServerProcess.StartAsync(ServerProcess.ServerDllOfThisBuild(), Path.Combine(_root, "data"), TimeSpan.FromSeconds(60),
            new Dictionary<string, string>
            {
                ["RuleEngine__RulesPath"] = rules,
                ["RuleEngine__Runs__Evaluation"] = "Worker",
                ["RuleEngine__Runs__WorkerMemoryMb"] = "512",
                ["RuleEngine__Runs__WorkerPageTimeout"] = "00:00:05",
                ["RuleEngine__Runs__CustomerTimeout"] = "00:00:02",
            });
        _admin = _server.CreateClient(ServerProcess.AdminKey);
        var ids = Enumerable.Range(1, Customers).Select(i => new { id = $"w{i:D2}" });
        (await _admin.PostAsJsonAsync("/api/customers", ids)).EnsureSuccessStatusCode();
        // The rules folder is compiled in the background after start-up.
        await Eventually.TrueAsync(async () =>
        {
            var rules = await _admin.GetStringAsync("/api/rules");
            return System.Text.RegularExpressions.Regex.Count(rules, "\"versionHash\":\"") == BeyondTheGuards.Length + 1
                && rules.Contains("tested-overflow");
        }, "every rule of the folder to be compiled and active");
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        _server.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_case_beyond_the_guards_fails_only_its_run_and_the_server_keeps_serving_with_its_memory_unchanged()
    {
        Assert.Equal("succeeded", (await RunAsync("good")).GetProperty("status").GetString());
        var residentBefore = _server.ResidentMemoryBytes()!.Value;
        var peakBefore = _server.PeakMemoryBytes()!.Value;

        foreach (var (name, _, says) in BeyondTheGuards)
        {
            var clock = Stopwatch.StartNew();
            var run = await RunAsync(name);
            var id = run.GetProperty("id").GetString();
            var logs = await _admin.GetStringAsync($"/api/runs/{id}/logs?limit=50");
            output.WriteLine($"{name}: {run.GetProperty("status")} in {clock.Elapsed.TotalSeconds:N1} s; {run.GetProperty("error")}");
            Assert.Equal("failed", run.GetProperty("status").GetString());
            var error = run.GetProperty("error").GetString()!;
            Assert.True(says.Split('|').Any(s => error.Contains(s) || logs.Contains(s)), $"{name} should say '{says}': {run}\n{logs}");
            Assert.False(_server.HasExited, $"the server died on {name}: {string.Join("\n", _server.LastErrorLines)}");
            Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/health")).StatusCode);
            Assert.Equal("succeeded", (await RunAsync("good")).GetProperty("status").GetString());
        }

        var residentAfter = _server.ResidentMemoryBytes()!.Value;
        var peakAfter = _server.PeakMemoryBytes()!.Value;
        output.WriteLine($"server RSS {residentBefore / 1e6:N0} → {residentAfter / 1e6:N0} MB, peak {peakBefore / 1e6:N0} → {peakAfter / 1e6:N0} MB");
        // Gigabytes were asked for: none of them were the server's.
        Assert.InRange(peakAfter - peakBefore, 0, 200L * 1024 * 1024);
    }

    [Fact]
    public async Task A_rule_whose_tests_overflow_the_stack_stays_inactive_with_the_reason_and_the_server_loads_the_rest()
    {
        var rule = await _admin.GetFromJsonAsync<JsonElement>("/api/rules/tested-overflow");
        output.WriteLine(rule.ToString());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("versionHash").ValueKind);
        Assert.Contains("stack overflow", rule.GetProperty("diagnostics").ToString());
        Assert.Equal("succeeded", (await RunAsync("good")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Environment_FailFast_is_refused_before_any_worker_sees_it()
    {
        var response = await _admin.PutAsync("/api/rules/fails-fast",
            new StringContent("// kind: segmentation\nEnvironment.FailFast(\"bye\");\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    async Task<JsonElement> RunAsync(string rule)
    {
        var response = await _admin.PostAsJsonAsync($"/api/rules/{rule}/runs", new { });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"trigger {rule}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await _admin.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (run.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" or "interrupted") return run;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"{rule} did not finish: {run}");
            await Task.Delay(100);
        }
    }
}
