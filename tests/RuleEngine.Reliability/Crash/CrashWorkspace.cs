using RuleEngine.Reliability.Serving;

namespace RuleEngine.Reliability.Crash;

/// <summary>
/// The campaign's folders under one temp folder: the seeded input (kept pristine), the data folder the server is
/// killed over again and again, the clean reference, and the rules the runs execute.
/// </summary>
public sealed class CrashWorkspace : IDisposable
{
    /// <summary>The library rules under test: one that awards points per order, one that creates callback tasks.</summary>
    public const string PointsRule = "purchase-points";
    public const string TasksRule = "visit-callbacks";

    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-crash", Guid.NewGuid().ToString("N"));

    public string Seed => Path.Combine(_root, "seed");
    public string Crashed => Path.Combine(_root, "crashed");
    public string Reference => Path.Combine(_root, "reference");
    public string Rules => Path.Combine(_root, "rules");

    /// <summary>Seeds the input, copies it for the crashed and reference folders and writes the rules folder.</summary>
    public (int Customers, long Orders, long Events) Prepare(int customers)
    {
        var seeded = DemoSeed.Write(Seed, customers);
        DemoSeed.Copy(Seed, Crashed);
        DemoSeed.Copy(Seed, Reference);
        CopyRulesWithoutSchedules();
        return seeded;
    }

    /// <summary>The server's configuration for this campaign (run pages small enough that a kill lands between many commits).</summary>
    public Dictionary<string, string> ServerSettings(int pageSize) => new()
    {
        ["RuleEngine__RulesPath"] = Rules,
        ["RuleEngine__Runs__PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The campaign triggers, reruns and ingests far more often than the default 120 writes a minute allows.
        ["RuleEngine__Limits__WritesPerWindow"] = "1000000",
    };

    /// <summary>
    /// The two rules and the shared helpers they load, as in rules/, minus their "// schedule:" line: a scheduled
    /// fire during the campaign would change the crashed folder and not the reference, and only the triggered runs
    /// are being compared. The tests files come along, so each rule passes its own tests at load as in production.
    /// </summary>
    void CopyRulesWithoutSchedules()
    {
        var library = RepositoryPaths.Rules;
        Directory.CreateDirectory(Path.Combine(Rules, "_shared"));
        foreach (var helper in Directory.GetFiles(Path.Combine(library, "_shared")))
            File.Copy(helper, Path.Combine(Rules, "_shared", Path.GetFileName(helper)));
        foreach (var (folder, rule) in new[] { ("rewards", PointsRule), ("followups", TasksRule) })
        {
            Directory.CreateDirectory(Path.Combine(Rules, folder));
            var script = File.ReadAllLines(Path.Combine(library, folder, rule + ".csx")).Where(l => !l.StartsWith("// schedule:", StringComparison.Ordinal));
            File.WriteAllLines(Path.Combine(Rules, folder, rule + ".csx"), script);
            var tests = Path.Combine(library, folder, rule + ".tests.json");
            if (File.Exists(tests)) File.Copy(tests, Path.Combine(Rules, folder, rule + ".tests.json"));
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
