using System.Net.Http.Json;
using System.Text.Json;
using RuleEngine.Benchmarks.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// Release builds of the server as N processes on one PostgreSQL database with the benchmark's segmentation rule:
/// starts them, runs the rule over every customer, kills and restarts nodes, and reads each node's CPU time.
/// </summary>
sealed class BenchCluster : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-bench-cluster", Guid.NewGuid().ToString("N"));
    readonly Dictionary<string, string> _settings;
    readonly ServerProcess?[] _nodes;

    BenchCluster(string connectionString, int nodes, int rangeCustomers)
    {
        Directory.CreateDirectory(Path.Combine(_root, "rules"));
        File.WriteAllText(Path.Combine(_root, "rules", "segmentation.csx"), SegmentationLogic.Script);
        _settings = new Dictionary<string, string>
        {
            ["RuleEngine__Storage__Provider"] = "postgres",
            ["RuleEngine__Storage__ConnectionString"] = connectionString,
            ["RuleEngine__RulesPath"] = Path.Combine(_root, "rules"),
            ["RuleEngine__Cluster__RangeCustomers"] = rangeCustomers.ToString(),
            ["RuleEngine__Cluster__RangeLease"] = "00:00:05",
            ["RuleEngine__Cluster__Heartbeat"] = "00:00:00.500",
            ["RuleEngine__Runs__Evaluation"] = "InProcess",
            ["RuleEngine__Runs__PageSize"] = "500",
            ["RuleEngine__Triggers__Enabled"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        _nodes = new ServerProcess?[nodes];
    }

    public static async Task<BenchCluster> StartAsync(string connectionString, int nodes, int rangeCustomers)
    {
        var cluster = new BenchCluster(connectionString, nodes, rangeCustomers);
        try
        {
            for (var i = 0; i < nodes; i++) await cluster.StartNodeAsync(i);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public int Count => _nodes.Length;

    public async Task StartNodeAsync(int node)
    {
        _nodes[node] = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), Path.Combine(_root, $"data{node}"), TimeSpan.FromSeconds(120),
            new Dictionary<string, string>(_settings) { ["RuleEngine__Cluster__NodeName"] = $"node{node + 1}" });
        using var client = Client(node);
        // The rules folder is compiled in the background after start-up: 404 until it is read, then a version once compiled.
        for (var giveUp = DateTime.UtcNow.AddSeconds(60); !(await (await client.GetAsync("/api/rules/segmentation")).Content.ReadAsStringAsync()).Contains("\"versionHash\":\"");)
        {
            if (DateTime.UtcNow > giveUp) throw new InvalidOperationException("the rule did not compile on node " + (node + 1));
            await Task.Delay(200);
        }
    }

    public HttpClient Client(int node) => _nodes[node]!.CreateClient(ServerProcess.AdminKey);

    public void Kill(int node)
    {
        _nodes[node]?.Dispose();
        _nodes[node] = null;
    }

    /// <summary>User and system CPU seconds of each node process so far (Linux).</summary>
    public double[] CpuSeconds() => _nodes.Select(n => n is null ? 0 : CpuOf(n.Id)).ToArray();

    /// <summary>CPU seconds a process (and its ended children) has used so far.</summary>
    internal static double CpuOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime, stime and the children's (the rule workers, when there are any), in clock ticks of 1/100 s.
        return (long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14])) / 100.0;
    }

    /// <summary>Starts the rule over every customer on node 1 and waits for the run's end.</summary>
    public async Task<JsonElement> RunAsync(TimeSpan patience, Func<JsonElement, Task>? whileRunning = null, int on = 0)
    {
        using var client = Client(on);
        var started = await client.PostAsJsonAsync("/api/rules/segmentation/runs", new { });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var giveUp = DateTime.UtcNow + patience;
        while (true)
        {
            await Task.Delay(200);
            var reader = _nodes.Select((n, i) => (n, i)).First(x => x.n is not null).i;
            using var any = Client(reader);
            var run = await any.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (run.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" or "interrupted") return run;
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"run {id} did not finish: {run}");
            if (whileRunning is not null) await whileRunning(run);
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
