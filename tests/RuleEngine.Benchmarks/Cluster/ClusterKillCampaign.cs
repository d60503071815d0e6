using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RuleEngine.Testing;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// Kill one of three nodes while it works a range of a split run, round after round (the coordinating node on odd
/// rounds, another on even ones), and compare what each run left with a clean single-node run of the same rule on the
/// same data: every run must complete, with no segment stay duplicated or missing.
/// </summary>
public static class ClusterKillCampaign
{
    public static async Task<int> RunAsync(int customers, int rounds)
    {
        using var server = TemporaryPostgres.Start();
        var seed = await PostgresSeed.CreateAsync(server, customers);

        var clean = seed.Copy("clean");
        using (var single = await BenchCluster.StartAsync(clean, 1, customers + 1))
            Console.WriteLine($"clean single-node run: {(await single.RunAsync(TimeSpan.FromHours(1))).GetProperty("counts")}");
        var expected = await StaysAsync(clean);
        Console.WriteLine($"clean run: {expected.Count:N0} segment stays");

        var connectionString = seed.Copy("campaign");
        using var cluster = await BenchCluster.StartAsync(connectionString, 3, Math.Max(500, customers / 20));
        var failures = 0;
        Console.WriteLine("\n| round | killed | coordinator? | range held (processed of customers) | run | seconds | stays | duplicated | missing |");
        Console.WriteLine("|---:|---|---|---|---|---:|---:|---:|---:|");
        for (var round = 1; round <= rounds; round++)
        {
            await ResetOutcomesAsync(connectionString);
            var coordinator = round % 3;
            var victim = round % 2 == 1 ? coordinator : (coordinator + 1) % 3;
            string? held = null;
            var watch = Stopwatch.StartNew();
            var run = await cluster.RunAsync(TimeSpan.FromMinutes(30), on: coordinator, whileRunning: async _ =>
            {
                if (held is not null) return;
                using var observer = cluster.Client((victim + 2) % 3);
                var view = await observer.GetFromJsonAsync<JsonElement>("/api/cluster");
                var range = view.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("id").GetString() == $"node{victim + 1}")
                    .SelectMany(n => n.GetProperty("ranges").EnumerateArray()).FirstOrDefault(r => r.GetProperty("processed").GetInt64() > 0);
                if (range.ValueKind != JsonValueKind.Object) return;
                cluster.Kill(victim);
                held = $"range {range.GetProperty("range")} ({range.GetProperty("processed")} of {range.GetProperty("customers")})";
            });
            watch.Stop();
            var stays = await StaysAsync(connectionString);
            // As multisets: a row more often than in the clean run is duplicated (or wrong), one less often is missing.
            var (found, wanted) = (Counts(stays), Counts(expected));
            var duplicated = found.Sum(f => Math.Max(0, f.Value - wanted.GetValueOrDefault(f.Key)));
            var missing = wanted.Sum(w => Math.Max(0, w.Value - found.GetValueOrDefault(w.Key)));
            var ok = run.GetProperty("status").GetString() == "succeeded" && held is not null && duplicated == 0 && missing == 0;
            if (!ok) failures++;
            Console.WriteLine($"| {round} | node{victim + 1} | {(victim == coordinator ? "yes" : "no")} | {held ?? "not caught mid-range"} | " +
                $"{run.GetProperty("status")} | {watch.Elapsed.TotalSeconds:N1} | {stays.Count:N0} | {duplicated} | {missing} |");
            await cluster.StartNodeAsync(victim);
        }
        Console.WriteLine($"\n{rounds - failures} of {rounds} rounds complete with every stay exactly as the clean run left it");
        return failures == 0 ? 0 : 1;
    }

    static Dictionary<string, int> Counts(List<string> rows) => rows.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>What the run leaves, as rows: customer, kind, value, open or closed (stay ids aside).</summary>
    static async Task<List<string>> StaysAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var read = source.CreateCommand("SELECT customer_id || '|' || kind || '|' || value || '|' || is_open FROM segments ORDER BY 1");
        await using var reader = await read.ExecuteReaderAsync();
        var stays = new List<string>();
        while (await reader.ReadAsync()) stays.Add(reader.GetString(0));
        return stays;
    }

    static async Task ResetOutcomesAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var reset = source.CreateCommand("TRUNCATE segments, segment_counts, segment_days, run_outcomes");
        await reset.ExecuteNonQueryAsync();
    }
}
