using BenchmarkDotNet.Running;
using RuleEngine.Benchmarks.Benefits;
using RuleEngine.Benchmarks.Editing;
using RuleEngine.Benchmarks.Ingest;
using RuleEngine.Benchmarks.Runs;
using RuleEngine.Benchmarks.Triggers;

// The ingest comparison is one long measured pass (a million orders), not a micro-benchmark:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- ingest [orders]
// Per-customer evaluation and everything else: dotnet run -c Release --project tests/RuleEngine.Benchmarks -- --filter '*'
// The server's own CPU and allocation per ingested order and event, before storage, read in one pass and through documents: `ingest-rows [rows] [rounds]`
if (args is ["ingest-rows", ..])
    return await RowReadingCost.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 300_000, args.Length > 2 ? int.Parse(args[2]) : 5);
if (args is ["ingest", ..]) return await IngestComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
// A full segmentation run against the raw LiteDB floor; a seed folder keeps the seeded input for the next run of that size:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- run [customers] [seed folder]
// Seeding alone, to build the input of a large run ahead of time: ... -- seed [customers] [folder]
if (args is ["seed", _, _]) return RunComparison.Seed(int.Parse(args[1]), args[2]);
if (args is ["run", ..]) return await RunComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? args[2] : null);
// Rules in worker processes against rules in the server: a full run (rounds alternating) and dry runs of 50 customers:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- worker [customers] [rounds] [seed folder]
//   ... -- worker-lanes [customers] [rounds] [seed folder]: one worker against two evaluating a run's pages at once
if (args is ["worker-lanes", ..])
    return await WorkerComparison.LanesAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000, args.Length > 3 ? args[3] : null, args.Length > 2 ? int.Parse(args[2]) : 2);
if (args is ["worker", ..])
    return await WorkerComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200_000, args.Length > 3 ? args[3] : null, args.Length > 2 ? int.Parse(args[2]) : 3);
// A preview (draft against live) over the demo customers next to a dry run of the same rule, alternating, several rounds:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- preview [customers] [rounds]
// The same over REST against the server on its demo data (request to finished run, compiling the draft included):
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- preview-http [rounds]
if (args is ["preview-http", ..]) return await PreviewOverHttp.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 7);
if (args is ["preview", ..]) return await PreviewBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3_000, args.Length > 2 ? int.Parse(args[2]) : 7);
// Planning a part of outcomes on LiteDB, the state read up front against a lookup per question, alternating:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- outcome-plan [customers] [rounds]
if (args is ["outcome-plan", ..])
    return await RuleEngine.Benchmarks.Runs.OutcomePlanLookups.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000, args.Length > 2 ? int.Parse(args[2]) : 6);
// Event triggers: outbox cost on bulk ingest, drain, and ack-to-points latency under steady ingest:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- triggers [steady seconds] [demo orders] [orders/s] [warm-up seconds] [bulk]
// (106,000 demo orders belong to about 20,000 demo customers; "bulk" adds the REST ingest comparison first; the warm-up,
// 20 s unless given, is the same steady ingest unmeasured on the fresh server, then drained: 0 measures from cold)
// (any Name=value argument is a setting of the measured server, e.g. RuleEngine__Runs__Evaluation=InProcess)
if (args is ["triggers", ..])
{
    var settings = args.Where(a => a.Contains('=')).ToDictionary(a => a[..a.IndexOf('=')], a => a[(a.IndexOf('=') + 1)..]);
    var numbers = args.Skip(1).Where(a => !a.Contains('=') && a != "bulk").Select(int.Parse).ToArray();
    return await TriggerBenchmark.RunAsync(numbers.Length > 0 ? numbers[0] : 120, numbers.Length > 1 ? numbers[1] : 106_000,
        numbers.Length > 2 ? numbers[2] : 1_000, args.Contains("bulk"), settings, numbers.Length > 3 ? numbers[3] : 20);
}
// The outbox's own cost on order writes, in process, on and off alternating:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- outbox [orders] [rounds] [distinct]
// LiteDB's transaction pool (storage.md): ingest time and page cache with RuleEngine's pool and LiteDB's own
if (args is ["litedb-pool", ..])
    return await RuleEngine.Benchmarks.Ingest.TransactionPoolCost.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 300_000,
        args.Length > 2 ? int.Parse(args[2]) : 3, args.Length > 3 ? int.Parse(args[3]) : new RuleEngine.Ingest.IngestOptions().BatchSize);
if (args is ["outbox", ..])
    return await OutboxIngestCost.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200_000, args.Length > 2 ? int.Parse(args[2]) : 5, args is [.., "distinct"]);
// The editor's calls per keystroke (diagnostics, completions, hover of a 100-line rule), cold and warm p50/p99:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- editing [calls]
if (args is ["editing", ..]) return await EditingLatency.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200);
// Watching reads (customer history, segment counts and trends, customer search) at N customers; a folder keeps the store:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- watching [customers] [folder]
if (args is ["watching", ..]) return await RuleEngine.Benchmarks.Watching.WatchingBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? args[2] : null);
// A run's log line from the rule writing it to its element on the console's run page in headless Chromium (and to the
// event stream's client), p50/p95/p99; exits 1 when the browser's p99 is over 1 s:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- log-to-browser [customers]
if (args is ["log-to-browser", ..]) return await RuleEngine.Benchmarks.Watching.LogLineToBrowser.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3_000);
// Redemptions per second with p99, alone and while a run applies outcomes, and the books checked afterwards:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- redemptions [seconds per phase] [concurrent callers] [checkpoint pages]
if (args is ["redemptions", ..])
    return await RedemptionLoad.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 30, args.Length > 2 ? int.Parse(args[2]) : 32,
        args.Length > 3 ? int.Parse(args[3]) : RuleEngine.Storage.StorageOptions.DefaultLiteDbCheckpointPages);
// PostgreSQL: a full segmentation run against a hand-written Npgsql floor, in process and as 1, 2, 3 server processes:
//   dotnet build -c Release src/RuleEngine.Server && dotnet run -c Release --project tests/RuleEngine.Benchmarks -- postgres-run [customers] [nodes,...]
//   (any name=value argument is a PostgreSQL server setting, e.g. shared_buffers=4GB max_wal_size=8GB)
if (args is ["postgres-run", ..])
{
    var positional = args.Skip(1).Where(a => !a.Contains('=')).ToArray();
    return await RuleEngine.Benchmarks.Cluster.PostgresRunComparison.RunAsync(positional.Length > 0 ? int.Parse(positional[0]) : 1_000_000,
        positional.Length > 1 ? positional[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() : [1, 2, 3],
        args.Where(a => a.Contains('=')).ToArray());
}
// REST ingest on PostgreSQL against a raw binary COPY of the same rows, and REST ingest on LiteDB beside it:
//   ... -- postgres-ingest [orders] [postgres-only]   (postgres-only: without the LiteDB server beside them)
if (args is ["postgres-ingest", ..])
    return await RuleEngine.Benchmarks.Cluster.PostgresIngestComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Contains("postgres-only"));
// Kill one of 3 nodes mid-run, N rounds, each compared with a clean single-node run: ... -- cluster-kill [customers] [rounds]
if (args is ["cluster-kill", ..])
    return await RuleEngine.Benchmarks.Cluster.ClusterKillCampaign.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 50_000, args.Length > 2 ? int.Parse(args[2]) : 10);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
