using RuleEngine.Reliability.Crash;
using RuleEngine.Reliability.Load;
using RuleEngine.Server.Tests.TestHost;

// Reliability runs against the real server (Release build) as a child process on loopback; see docs/reliability.md.
//   dotnet run -c Release --project tests/RuleEngine.Reliability -- crash [kills=20] [customers=3000]
//   dotnet run -c Release --project tests/RuleEngine.Reliability -- load [seconds=60] [clients=8] [customers=20000] [warm-up seconds=60] [reads] [Name=value ...]
// (reads: the mix's GET requests alone, held to 3,000/s and p99 ≤ 20 ms)
//   dotnet run -c Release --project tests/RuleEngine.Reliability -- ingest-reads [orders=1000000] [batch=5000] [readers=8] [customers=20000] [control|hot] [paced=reads/s]
// (a bulk ingest alone and with readers beside it, alternating phases: read p99 ≤ 50 ms, ingest rate ≥ 0.8x alone)
// (Name=value: server settings as environment variables, e.g. RuleEngine__Triggers__Enabled=false)
// RULEENGINE_SERVER_DLL runs another build (an older commit's, for before/after figures in the same conditions).
var dll = Environment.GetEnvironmentVariable("RULEENGINE_SERVER_DLL") ?? ServerProcess.ServerDll("Release");
// paced=N: ingest-reads' readers send N reads a second in all on a fixed schedule (open loop) instead of back to back.
var paced = args.FirstOrDefault(a => a.StartsWith("paced=", StringComparison.Ordinal)) is { } p ? int.Parse(p["paced=".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
args = args.Where(a => !a.StartsWith("paced=", StringComparison.Ordinal)).ToArray();
var serverSettings = args.Where(a => a.Contains('=')).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
var readsOnly = args.Contains("reads");
var control = args.Contains("control");
var hot = args.Contains("hot");
args = args.Where(a => !a.Contains('=') && a is not ("reads" or "control" or "hot")).ToArray();
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

switch (args.FirstOrDefault())
{
    case "crash":
        var crash = new CrashSettings(dll, Cycles: Arg(1, 20), Customers: Arg(2, 3_000), OrdersPerBatch: 2_000, PageSize: 250,
            StartTimeout: TimeSpan.FromMinutes(2), RunTimeout: TimeSpan.FromMinutes(10), RandomSeed: Environment.TickCount);
        Console.WriteLine(CrashReport.Header);
        var campaign = await new CrashCampaign(crash, Console.Out).RunAsync();
        Console.WriteLine();
        Console.WriteLine(CrashReport.Summary(campaign, crash));
        return campaign.Passed ? 0 : 1;
    case "load":
        var load = new LoadSettings(dll, Duration: TimeSpan.FromSeconds(Arg(1, 60)), Clients: Arg(2, 8), Customers: Arg(3, 20_000))
        {
            WarmUp = TimeSpan.FromSeconds(Arg(4, 60)),
            Goals = readsOnly ? LoadGoals.ReadsAlone : LoadGoals.Embedded,
            ReadsOnly = readsOnly,
            ServerSettings = serverSettings,
        };
        var report = await new LoadTest(load, Console.Out).RunAsync();
        Console.WriteLine(report.Markdown());
        return report.Passed ? 0 : 1;
    case "ingest-reads":
        var bulk = new LoadSettings(dll, Duration: TimeSpan.Zero, Clients: Arg(3, 8), Customers: Arg(4, 20_000)) { ServerSettings = serverSettings };
        return await new IngestWithReads(bulk, orders: Arg(1, 1_000_000), batch: Arg(2, 5_000), Console.Out, control, hot, paced).RunAsync() ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: crash [kills] [customers] | load [seconds] [clients] [customers] [warm-up seconds] [reads] [Name=value ...]" +
            " | ingest-reads [orders] [batch] [readers] [customers] [control|hot] [paced=reads/s] [Name=value ...]");
        return 2;
}
