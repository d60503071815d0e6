using BenchmarkDotNet.Running;
using RuleEngine.Benchmarks.Ingest;

// The ingest comparison is one long measured pass (a million orders), not a micro-benchmark:
//   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- ingest [orders]
// Everything else: dotnet run -c Release --project tests/RuleEngine.Benchmarks -- --filter '*'
if (args is ["ingest", ..]) return await IngestComparison.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
