using System.Globalization;
using System.Runtime.InteropServices;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// The operating system's hold on a worker's memory: a cgroup of its own with a memory limit, under cgroup v2
/// (<c>memory.max</c>) or v1 (<c>memory.limit_in_bytes</c>), where the server may create one (as root, or given a
/// delegated subtree). Past the limit the kernel kills the worker, never the server. Where no cgroup is writable the
/// runtime's heap limit (<c>DOTNET_GCHeapHardLimit</c>, set on every worker at 3/4 of the ceiling) is the only
/// ceiling: it stops managed allocations, not native ones. Which one applies is logged at the first worker's start
/// and shown in the run's failure message.
/// </summary>
public static class WorkerMemoryCeiling
{
    const string Root = "/sys/fs/cgroup";

    /// <summary>Puts the process into a new cgroup limited to <paramref name="megabytes"/>; says which limit applies.</summary>
    public static string Apply(int processId, int megabytes)
    {
        var bytes = (megabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture);
        var heapOnly = $"the runtime's heap limit of {megabytes * 3 / 4} MB (no writable cgroup)";
        if (!OperatingSystem.IsLinux()) return heapOnly;
        try
        {
            if (File.Exists(Path.Combine(Root, "cgroup.controllers")) && File.ReadAllText(Path.Combine(Root, "cgroup.controllers")).Contains("memory"))
                return Join(GroupFor(Root, processId), "memory.max", bytes, processId) ? $"cgroup v2 memory.max {megabytes} MB" : heapOnly;
            var v1 = Path.Combine(Root, "memory");
            if (Directory.Exists(v1))
                return Join(GroupFor(v1, processId), "memory.limit_in_bytes", bytes, processId) ? $"cgroup v1 memory limit {megabytes} MB" : heapOnly;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to create: fall back to the heap limit.
        }
        return heapOnly;
    }

    /// <summary>Removes the worker's cgroup once the process is gone (an empty cgroup is removed with rmdir).</summary>
    public static void Release(int processId)
    {
        foreach (var parent in new[] { Root, Path.Combine(Root, "memory") })
        {
            try
            {
                var group = GroupFor(parent, processId);
                if (Directory.Exists(group)) Directory.Delete(group);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still has a process, or not ours: the kernel keeps an empty group harmlessly.
            }
        }
    }

    /// <summary>
    /// Removes the groups of workers that are gone, left behind when a server was killed before it could remove them
    /// (its workers end when their pipe closes). Called when a server starts its first worker.
    /// </summary>
    public static void SweepLeftovers()
    {
        if (!OperatingSystem.IsLinux()) return;
        foreach (var parent in new[] { Root, Path.Combine(Root, "memory") })
        {
            try
            {
                if (!Directory.Exists(parent)) continue;
                foreach (var group in Directory.EnumerateDirectories(parent, "ruleengine-worker-*"))
                    if (int.TryParse(Path.GetFileName(group)["ruleengine-worker-".Length..], out var pid) && !Directory.Exists($"/proc/{pid}"))
                        Release(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to list: nothing of ours there either.
            }
        }
    }

    static string GroupFor(string parent, int processId) => Path.Combine(parent, $"ruleengine-worker-{processId}");

    static bool Join(string group, string limitFile, string bytes, int processId)
    {
        Directory.CreateDirectory(group);
        if (!File.Exists(Path.Combine(group, limitFile))) return false;
        File.WriteAllText(Path.Combine(group, limitFile), bytes);
        File.WriteAllText(Path.Combine(group, "cgroup.procs"), processId.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Lowers the worker's CPU priority (nice 1 to 19), so that ingest and the API come first on a busy machine.</summary>
    public static void TryRenice(int processId, int nice)
    {
        if (OperatingSystem.IsLinux()) _ = setpriority(0 /* PRIO_PROCESS */, processId, nice);
    }

    [DllImport("libc", SetLastError = true)]
    static extern int setpriority(int which, int who, int prio);
}
