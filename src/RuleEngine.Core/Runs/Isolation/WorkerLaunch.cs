using System.Runtime.InteropServices;

namespace RuleEngine.Runs.Isolation;

/// <summary>How to start a rule worker: the command and its arguments, its memory ceiling and CPU priority.</summary>
public sealed record WorkerLaunch(string Command, IReadOnlyList<string> Arguments, int MemoryMb, int NiceLevel)
{
    public const string WorkerAssembly = "RuleEngine.Worker.dll";

    /// <summary>
    /// The worker program beside the server's own assemblies, run by the same <c>dotnet</c> host as the server (found
    /// from the runtime's folder, since the server itself may have been started through its own launcher).
    /// </summary>
    public static WorkerLaunch Beside(RunOptions options)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, WorkerAssembly);
        if (!File.Exists(worker))
            throw new FileNotFoundException($"RuleEngine:Runs:Evaluation is Worker, but the worker program is missing: {worker}.", worker);
        return new(DotnetHost(), [worker], options.WorkerMemoryMb, options.WorkerNice);
    }

    static string DotnetHost()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet/dotnet
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
