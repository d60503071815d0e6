using System.Diagnostics;
using System.Globalization;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// One rule worker process as the server sees it: started with its memory ceiling, talked to over its standard input
/// and output (frames, see <see cref="WorkerFrames"/>), and killed when it overstays, when its run is cancelled or when
/// it is retired. When it dies, <see cref="DeathReason"/> says how, in words for the run's error.
/// </summary>
public sealed class RuleWorkerProcess : IDisposable
{
    readonly Process _process;
    // The runtime's first words name what killed the worker ("Stack overflow."), then come thousands of frames: keep
    // the first lines and the last ones.
    readonly List<string> _stderrFirst = [];
    readonly Queue<string> _stderr = new();
    volatile string? _killedBecause;

    RuleWorkerProcess(Process process, string memoryCeiling)
    {
        _process = process;
        MemoryCeiling = memoryCeiling;
    }

    /// <summary>Which limit holds this worker's memory, in words (the cgroup, or the runtime's heap limit only).</summary>
    public string MemoryCeiling { get; }

    /// <summary>The rule version this worker has loaded (a worker serves one version; another gets a fresh worker).</summary>
    public string? Hash { get; set; }

    public int Runs { get; set; }

    /// <summary>
    /// Gone, or on its way: a worker we killed counts as exited at once. Its process may outlive the kill by a moment,
    /// and a page answered just before a cancel's kill once put such a worker back in the pool, where the next run
    /// rented it and failed (a clean-clone CI run of the two-worker crash test).
    /// </summary>
    public bool HasExited => _killedBecause is not null || _process.HasExited;

    public static RuleWorkerProcess Start(WorkerLaunch options)
    {
        var start = new ProcessStartInfo(options.Command)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in options.Arguments) start.ArgumentList.Add(argument);
        // The runtime's own ceiling on the managed heap: an allocation past it throws OutOfMemoryException inside the
        // rule (the customer fails with that error) instead of growing until the kernel kills the process.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (options.MemoryMb * 1024L * 1024L * 3 / 4).ToString("x", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the rule worker ({options.Command}).");
        var ceiling = WorkerMemoryCeiling.Apply(process.Id, options.MemoryMb);
        if (options.NiceLevel != 0) WorkerMemoryCeiling.TryRenice(process.Id, options.NiceLevel);
        var worker = new RuleWorkerProcess(process, ceiling);
        process.ErrorDataReceived += (_, line) => worker.KeepErrorLine(line.Data);
        process.BeginErrorReadLine();
        return worker;
    }

    Stream Input => _process.StandardInput.BaseStream;

    Stream Output => _process.StandardOutput.BaseStream;

    void KeepErrorLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        lock (_stderr)
        {
            if (_stderrFirst.Count < 5)
            {
                _stderrFirst.Add(line.Trim());
                return;
            }
            _stderr.Enqueue(line.Trim());
            while (_stderr.Count > 20) _stderr.Dequeue();
        }
    }

    /// <summary>
    /// Sends <paramref name="start"/> (when given) and the page, answers the worker's questions until it sends the page's
    /// result, and returns it; null when the worker went away meanwhile (<see cref="DeathReason"/> says how). The worker
    /// is killed when the page takes longer than <paramref name="timeout"/> or <paramref name="cancellation"/> fires.
    /// </summary>
    public PageEvaluated? Evaluate(RunStart? start, PageCall page, Func<StatesWanted, StatesGiven> states,
        Func<PopulationWanted, PopulationGiven> population, TimeSpan timeout, CancellationToken cancellation)
    {
        using var cancelled = cancellation.Register(() => Kill("cancelled"));
        using var overstay = new Timer(_ => Kill($"was stopped after {timeout.TotalSeconds:0} s on one page"), null, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            if (start is not null) WorkerFrames.Write(Input, FrameKind.RunStart, start);
            WorkerFrames.Write(Input, FrameKind.Page, page);
            while (WorkerFrames.Read(Output) is { } frame)
            {
                switch (frame.Kind)
                {
                    case FrameKind.StatesWanted:
                        WorkerFrames.Write(Input, FrameKind.StatesGiven, states(WorkerFrames.Body<StatesWanted>(frame.Body)));
                        break;
                    case FrameKind.PopulationWanted:
                        WorkerFrames.Write(Input, FrameKind.PopulationGiven, population(WorkerFrames.Body<PopulationWanted>(frame.Body)));
                        break;
                    case FrameKind.PageEvaluated:
                        return WorkerFrames.Body<PageEvaluated>(frame.Body);
                    case FrameKind.Fatal:
                        Kill($"gave up: {WorkerFrames.Body<Fatal>(frame.Body).Message}");
                        return null;
                    default:
                        Kill($"sent a {frame.Kind} frame the server does not expect");
                        return null;
                }
            }
            return null;
        }
        catch (IOException)
        {
            return null; // the pipe broke: the worker is gone
        }
    }

    /// <summary>Ends the process now (a hung page, a cancelled run, retirement); the reason is kept for <see cref="DeathReason"/>.</summary>
    public void Kill(string because)
    {
        _killedBecause ??= because;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Why the process is gone: killed by us (and why), or its exit status and what it last wrote to stderr.</summary>
    public string DeathReason()
    {
        if (_killedBecause is { } because) return because;
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) return "stopped answering";
        _process.WaitForExit(); // lets the stderr reader drain
        string[] lines;
        lock (_stderr) lines = [.. _stderrFirst, .. _stderr];
        var code = _process.ExitCode;
        var said = lines.FirstOrDefault(l => l.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)) is not null ? "stack overflow"
            : lines.FirstOrDefault(l => l.Contains("OutOfMemory", StringComparison.Ordinal)) is not null ? "out of memory"
            : lines.FirstOrDefault(l => l.StartsWith("Process terminated", StringComparison.Ordinal) || l.Contains("FailFast", StringComparison.Ordinal)) is { } terminated
                ? terminated
            : null;
        var how = code switch
        {
            137 or -9 => $"was killed (signal 9: the memory ceiling, {MemoryCeiling}, or the system)",
            134 or -6 => "aborted (signal 6)",
            139 or -11 => "crashed (signal 11)",
            _ => $"exited with code {code}",
        };
        return said is null ? how : $"{how}: {said}";
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill("retired");
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        WorkerMemoryCeiling.Release(_process.Id);
        _process.Dispose();
    }
}
