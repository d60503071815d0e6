using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace RuleEngine.Server.Tests.Cluster;

/// <summary>Three servers on one PostgreSQL: each slot of a scheduled rule fires on exactly one of them, slot after slot.</summary>
[Trait("Backend", "postgres")]
[Trait("Category", "Slow")]
public sealed partial class ClusteredSchedulingTests(ITestOutputHelper output)
{
    const int SlotSeconds = 3, SlotsToSee = 5;

    [Fact]
    public async Task Each_slot_fires_on_one_node_of_three()
    {
        using var cluster = await TestCluster.StartAsync(3,
            new Dictionary<string, string>
            {
                ["tick.csx"] = $"// kind: segmentation\n// schedule: 0/{SlotSeconds} * * * * ?\n// timeZone: Etc/UTC\nSetSegment(\"tick\", \"yes\", \"ticked\");\n",
            },
            new Dictionary<string, string>());
        using var client = cluster.Client(0);
        (await client.PostAsJsonAsync("/api/customers", new[] { new { id = "t1" }, new { id = "t2" } })).EnsureSuccessStatusCode();

        var giveUp = DateTime.UtcNow.AddSeconds(SlotSeconds * SlotsToSee * 4 + 30);
        List<JsonElement> runs;
        do
        {
            await Task.Delay(500);
            var page = await client.GetFromJsonAsync<JsonElement>("/api/runs?rule=tick&trigger=schedule&limit=100");
            runs = page.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "succeeded").ToList();
        }
        while (runs.Count < SlotsToSee && DateTime.UtcNow < giveUp);
        Assert.True(runs.Count >= SlotsToSee, $"only {runs.Count} scheduled runs succeeded");

        // Every node's log says which slots it started: together, each slot exactly once.
        var fires = cluster.Nodes.SelectMany((node, i) => node.KeptOutputLines.Select(line => (Node: i + 1, Slot: SlotOf(line)))).ToList();
        foreach (var fire in fires.GroupBy(f => f.Slot).OrderBy(g => g.Key))
            output.WriteLine($"{fire.Key}: node {string.Join(", node ", fire.Select(f => f.Node))}");
        Assert.All(fires.GroupBy(f => f.Slot), slot => Assert.Single(slot));
        var slots = runs.Select(r => r.GetProperty("scheduledFor").GetDateTime()).Order().ToList();
        Assert.All(slots, s => Assert.Contains(fires, f => f.Slot == s.ToString("O")));
        // Slot after slot, none skipped between the first and the last seen.
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(SlotSeconds), pair.Second - pair.First));
    }

    static string SlotOf(string line) => SlotPattern().Match(line) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(line);

    [GeneratedRegex(@"scheduled slot (\S+) is run")]
    private static partial Regex SlotPattern();
}
