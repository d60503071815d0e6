using BenchmarkDotNet.Running;
using RuleEngine.Benchmarks.Editing;
using RuleEngine.Benchmarks.Ingest;
using RuleEngine.Benchmarks.Runs;

// The ingest comparison is one long measured pass (a million orders), not a micro-benchmark:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- ingest [orders]
// Per-customer evaluation and everything else: dotnet run -c Release --project tests/RuleEngine.Benchmarks -- --filter '*'
if (args is ["ingest", ..]) return await IngestComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
// A full segmentation run against the raw LiteDB floor; a seed folder keeps the seeded input for the next run of that size:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- run [customers] [seed folder]
// Seeding alone, to build the input of a large run ahead of time: ... -- seed [customers] [folder]
if (args is ["seed", _, _]) return RunComparison.Seed(int.Parse(args[1]), args[2]);
if (args is ["run", ..]) return await RunComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? args[2] : null);
// The editor's calls per keystroke (diagnostics, completions, hover of a 100-line rule), cold and warm p50/p99:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- editing [calls]
if (args is ["editing", ..]) return await EditingLatency.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200);
// Watching reads (customer history, segment counts and trends, customer search) at N customers; a folder keeps the store:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- watching [customers] [folder]
if (args is ["watching", ..]) return await RuleEngine.Benchmarks.Watching.WatchingBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? args[2] : null);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
