using System.Globalization;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// Where the server's time went during the window: its CPU time (from /proc) and the storage counters of /metrics
/// (writer busy, writer waiting for the disk, storage lock held and waited for) with the garbage collector's pauses and
/// collections and the thread pool's threads, read at the window's start and end.
/// Divided by the window's length, each says how many seconds per second: a writer busy 0.95 is saturated.
/// </summary>
public sealed record ServerCounters(double CpuSeconds, IReadOnlyDictionary<string, double> Storage)
{
    static readonly string[] Names =
    [
        "ruleengine_storage_writer_busy", "ruleengine_storage_writer_durable_wait", "ruleengine_storage_lock_held",
        "ruleengine_storage_lock_wait", "ruleengine_storage_commits", "ruleengine_runtime_gc_pause", "ruleengine_runtime_thread_pool_threads",
        "dotnet_collection_count_total{generation=\"0\"}", "dotnet_collection_count_total{generation=\"1\"}", "dotnet_collection_count_total{generation=\"2\"}",
    ];

    public static async Task<ServerCounters> ReadAsync(HttpClient http, ServerProcess server)
    {
        var storage = new Dictionary<string, double>();
        try
        {
            foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
                foreach (var name in Names)
                    if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '_' or ' ' or '{')
                        storage[name] = storage.GetValueOrDefault(name) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
        }
        return new ServerCounters(ProcessCpuSeconds(server.Id), storage);
    }

    /// <summary>Per second of <paramref name="window"/>, from <paramref name="start"/> to this reading.</summary>
    public string PerSecondSince(ServerCounters start, TimeSpan window)
    {
        double Rate(string name) => (Storage.GetValueOrDefault(name) - start.Storage.GetValueOrDefault(name)) / window.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"server time per second of the window: CPU {(CpuSeconds - start.CpuSeconds) / window.TotalSeconds:N2} s ({Environment.ProcessorCount} cores); " +
            $"storage writer busy {Rate("ruleengine_storage_writer_busy"):N2}, waiting for the disk {Rate("ruleengine_storage_writer_durable_wait"):N2}, " +
            $"{Rate("ruleengine_storage_commits"):N0} commits/s; storage lock held {Rate("ruleengine_storage_lock_held"):N2}, " +
            $"waited for {Rate("ruleengine_storage_lock_wait"):N2} (summed over the callers waiting); garbage collector paused {Rate("ruleengine_runtime_gc_pause"):N3}; " +
            $"collections per second gen0 {Rate("dotnet_collection_count_total{generation=\"0\"}"):N1} gen1 {Rate("dotnet_collection_count_total{generation=\"1\"}"):N1} gen2 {Rate("dotnet_collection_count_total{generation=\"2\"}"):N2}; " +
            $"{Storage.GetValueOrDefault("ruleengine_runtime_thread_pool_threads"):N0} pool threads at the end");
    }

    /// <summary>utime + stime of the process, in seconds (fields 14 and 15 of /proc/pid/stat, in clock ticks of 1/100 s).</summary>
    static double ProcessCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
