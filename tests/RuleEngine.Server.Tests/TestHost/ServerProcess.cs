using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>
/// The real server as a child process on a loopback port, for what an in-process host cannot show:
/// being killed mid-write (crash test) and real HTTP throughput (benchmark, which links this file).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string OpsKey = "process-ops-key";
    /// <summary>A second key with every permission, for callers that also validate rules (the load test).</summary>
    public const string AdminKey = "process-admin-key";

    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lastErrors = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _keptOutput = new();

    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote to stderr: why it died, when it did.</summary>
    public IReadOnlyCollection<string> LastErrorLines => _lastErrors;

    /// <summary>The output lines the start asked to keep, in order.</summary>
    public IReadOnlyCollection<string> KeptOutputLines => _keptOutput;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The server built in the same configuration as the running assembly (tests: Debug under `dotnet test`).</summary>
    public static string ServerDllOfThisBuild() => ServerDll(
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug");

    /// <summary>The server built in the given configuration, found from the repository root above this assembly.</summary>
    public static string ServerDll(string configuration)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RuleEngine.sln"))) folder = folder.Parent;
        if (folder is null) throw new InvalidOperationException("RuleEngine.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(folder.FullName, "src", "RuleEngine.Server", "bin", configuration, "net10.0", "RuleEngine.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: dotnet build -c {configuration} src/RuleEngine.Server", dll);
    }

    /// <param name="settings">Extra configuration as environment variables (<c>RuleEngine__RulesPath</c>, ...); they win over the defaults here.</param>
    /// <param name="keepOutputLine">Which lines of the server's standard output (its log) to keep in <see cref="KeptOutputLines"/>.</param>
    public static async Task<ServerProcess> StartAsync(
        string serverDll, string dataPath, TimeSpan startTimeout, IReadOnlyDictionary<string, string>? settings = null,
        Func<string, bool>? keepOutputLine = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { serverDll, "--urls", url }) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["RuleEngine__DataPath"] = dataPath;
        start.Environment["RuleEngine__SeedDemoData"] = "false";
        start.Environment["RuleEngine__ApiKeys__0__Name"] = "process-ops";
        start.Environment["RuleEngine__ApiKeys__0__Role"] = "ops";
        start.Environment["RuleEngine__ApiKeys__0__Key"] = OpsKey;
        start.Environment["RuleEngine__ApiKeys__1__Name"] = "process-admin";
        start.Environment["RuleEngine__ApiKeys__1__Role"] = "admin";
        start.Environment["RuleEngine__ApiKeys__1__Key"] = AdminKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, new Uri(url));
        // Drain the pipes so that a chatty server never blocks on a full buffer; keep stderr's tail.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && keepOutputLine?.Invoke(text) == true) server._keptOutput.Enqueue(text);
        };
        process.ErrorDataReceived += (_, line) => server.KeepErrorLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync(startTimeout);
        }
        catch
        {
            server.Dispose(); // a server that never answered would otherwise outlive the caller
            throw;
        }
        return server;
    }

    private void KeepErrorLine(string? line)
    {
        if (line is null) return;
        _lastErrors.Enqueue(line);
        while (_lastErrors.Count > 40) _lastErrors.TryDequeue(out _);
    }

    public HttpClient CreateClient(string apiKey = OpsKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Peak resident memory of the server so far (Linux), in bytes; null elsewhere.</summary>
    public long? PeakMemoryBytes() => ProcStatusBytes("VmHWM:");

    /// <summary>Resident memory of the server now (Linux), in bytes; null elsewhere.</summary>
    public long? ResidentMemoryBytes() => ProcStatusBytes("VmRSS:");

    private long? ProcStatusBytes(string field)
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power cut of the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited at start-up with code {_process.ExitCode}.");
            try
            {
                // Any HTTP answer means it is listening.
                await client.GetAsync("/api/segments");
                return;
            }
            // Not listening yet, or (on a busy machine) too slow to answer the first request within the client's 2 s.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
