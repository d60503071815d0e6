using Microsoft.Extensions.Logging;

namespace RuleEngine.Rules;

/// <summary>
/// Watches the rules folder and asks the catalog to sync once the folder has been quiet for
/// <see cref="Debounce"/>: editors write a file in several steps (truncate, write, rename), and a save of
/// many files at once should cost one sync, not one per event.
/// </summary>
public sealed class RuleFolderWatcher : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    readonly FileSystemWatcher _watcher;
    readonly Timer _timer;
    readonly Func<Task> _sync;
    readonly ILogger _log;

    public RuleFolderWatcher(string rulesRoot, Func<Task> sync, ILogger log)
    {
        _sync = sync;
        _log = log;
        _timer = new Timer(_ => _ = SyncAsync(), null, Timeout.Infinite, Timeout.Infinite);
        Directory.CreateDirectory(rulesRoot);
        _watcher = new FileSystemWatcher(rulesRoot)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => Poke();
        _watcher.Created += (_, _) => Poke();
        _watcher.Deleted += (_, _) => Poke();
        _watcher.Renamed += (_, _) => Poke();
        // An overflowed event buffer loses events: a full sync catches up, since sync compares hashes.
        _watcher.Error += (_, e) => { _log.LogWarning(e.GetException(), "Rules folder watcher lost events; syncing"); Poke(); };
        _watcher.EnableRaisingEvents = true;
    }

    void Poke() => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);

    async Task SyncAsync()
    {
        try { await _sync(); }
        catch (Exception e) { _log.LogError(e, "Syncing the rules folder failed; the running rules are unchanged"); }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
