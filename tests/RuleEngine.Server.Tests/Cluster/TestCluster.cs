using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Testing;

namespace RuleEngine.Server.Tests.Cluster;

/// <summary>
/// Several server processes of this build on one throwaway PostgreSQL database, sharing one rules folder, each with
/// its own data folder: a cluster as ops would run it, on loopback ports. Keeps every node's scheduler log lines.
/// </summary>
sealed class TestCluster : IDisposable
{
    readonly TemporaryPostgres _postgres = TemporaryPostgres.Start();
    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-cluster", Guid.NewGuid().ToString("N"));
    readonly List<ServerProcess> _nodes = [];

    TestCluster() => ConnectionString = _postgres.CreateDatabase("cluster");

    public string ConnectionString { get; }

    public IReadOnlyList<ServerProcess> Nodes => _nodes;

    /// <param name="rules">File name → content, written to the shared rules folder before the nodes start.</param>
    /// <param name="settings">Configuration every node gets (environment variable names).</param>
    public static async Task<TestCluster> StartAsync(int nodes, IReadOnlyDictionary<string, string> rules, IReadOnlyDictionary<string, string> settings)
    {
        var cluster = new TestCluster();
        try
        {
            var rulesPath = Path.Combine(cluster._root, "rules");
            Directory.CreateDirectory(rulesPath);
            foreach (var (file, content) in rules) File.WriteAllText(Path.Combine(rulesPath, file), content);
            // One after another: the first creates the schema; the others find it (they would wait on its migration lock anyway).
            for (var i = 1; i <= nodes; i++)
            {
                var environment = new Dictionary<string, string>(settings)
                {
                    ["RuleEngine__Storage__Provider"] = "postgres",
                    ["RuleEngine__Storage__ConnectionString"] = cluster.ConnectionString,
                    ["RuleEngine__RulesPath"] = rulesPath,
                    ["RuleEngine__Cluster__NodeName"] = $"node{i}",
                };
                cluster._nodes.Add(await ServerProcess.StartAsync(ServerProcess.ServerDllOfThisBuild(), Path.Combine(cluster._root, $"data{i}"),
                    TimeSpan.FromSeconds(90), environment, keepOutputLine: line => line.Contains(": scheduled slot ", StringComparison.Ordinal)));
            }
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public HttpClient Client(int node) => _nodes[node].CreateClient(ServerProcess.AdminKey);

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        _postgres.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
