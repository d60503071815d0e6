using RuleEngine.Runs.Isolation;

// Frames in on standard input, frames out on standard output; standard error carries only what the runtime says when
// it dies (a stack overflow, an abort), which the server reads to say why.
using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();
return new RuleWorkerHost(input, output).Run();
