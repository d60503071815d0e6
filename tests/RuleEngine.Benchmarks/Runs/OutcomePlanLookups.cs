using System.Diagnostics;
using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// Planning one part of outcomes (100 customers; the writer now uses parts of <see cref="LiteDbOutcomeWriter.CustomersPerPart"/>) on LiteDB, the
/// way a purchase-points page asks: ten points grants per customer, half of them already paid, a tier move and a tag.
/// Side by side in one process and one file, alternating: the stored state read up front with one query per collection
/// (<see cref="LiteDbOutcomeState"/>) against the lookup per question it replaced (<see cref="PerQuestion"/>, kept here).
/// <c>dotnet run -c Release --project tests/RuleEngine.Benchmarks -- outcome-plan [customers] [rounds]</c>
/// </summary>
public static class OutcomePlanLookups
{
    const int PartCustomers = 100, GrantsPerCustomer = 10;

    public static async Task<int> RunAsync(int customers, int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using var database = LiteDbFile.Open(folder);
            await using var writer = new LiteDbWriter(database);
            var outcomes = new LiteDbOutcomeWriter(database, writer);
            var ids = Enumerable.Range(0, customers).Select(i => $"c{i:D7}").ToList();
            foreach (var chunk in ids.Chunk(1_000))
                await outcomes.ApplyAsync(Batch("paid", chunk, paidHalf: true));
            var parts = ids.Chunk(PartCustomers).Select(chunk => Batch("next", chunk, paidHalf: false)).ToList();
            Console.WriteLine($"{customers:N0} customers with {customers * GrantsPerCustomer / 2:N0} points entries; a part plans {PartCustomers} customers × " +
                $"{GrantsPerCustomer} grants (half paid), a tier move and a tag; load average {RunComparison.LoadAverage()}");
            Console.WriteLine("| round | per question, ms per part | read up front, ms per part | ratio |");
            Console.WriteLine("|---:|---:|---:|---:|");
            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                double Time(Func<OutcomeBatch, IOutcomeState> state)
                {
                    var watch = Stopwatch.StartNew();
                    var changes = 0;
                    foreach (var part in parts) changes += OutcomePlan.For(state(part), part).Result.Changes.Count;
                    if (changes != parts.Count * PartCustomers * (GrantsPerCustomer / 2 + 2)) throw new InvalidOperationException($"planned {changes} changes");
                    return watch.Elapsed.TotalMilliseconds / parts.Count;
                }
                var first = round % 2 == 1;
                var (old, now) = first
                    ? (Time(_ => new PerQuestion(database)), Time(part => new LiteDbOutcomeState(database, part)))
                    : (0, Time(part => new LiteDbOutcomeState(database, part)));
                if (!first) old = Time(_ => new PerQuestion(database));
                ratios.Add(old / now);
                Console.WriteLine($"| {round} | {old:N2} | {now:N2} | {old / now:N2} |");
            }
            ratios.Sort();
            Console.WriteLine($"median ratio (per question ÷ read up front): {ratios[ratios.Count / 2]:N2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    static OutcomeBatch Batch(string run, IReadOnlyList<string> customers, bool paidHalf) => new()
    {
        Source = new OutcomeSource { Rule = "purchase-points", RuleVersionHash = "bench", RunId = run, At = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) },
        Segments = [.. customers.Select(c => new SegmentAssignment(c, "tier", paidHalf ? "silver" : "gold"))],
        Tags = [.. customers.Select(c => new TagChange(c, "buyer", Present: !paidHalf))],
        Points = [.. customers.SelectMany(c => Enumerable.Range(0, paidHalf ? GrantsPerCustomer / 2 : GrantsPerCustomer)
            .Select(n => new PointsGrant(c, PointsEntryType.Earn, 10, "order", $"order:{c}-{n}")))],
    };

    /// <summary>The state as it was asked before: one LiteDB query per question.</summary>
    sealed class PerQuestion(LiteDatabase database) : IOutcomeState
    {
        public IReadOnlyList<SegmentMembership> OpenStays(string customerId) =>
            database.GetCollection(LiteDbCollections.Segments).Find(LiteDbQuery.Equal("CustomerId", customerId))
                .Select(OutcomeBson.ToMembership).Where(m => m.LeftAt is null).ToList();

        public Score? Score(string customerId, string name) =>
            Find(LiteDbCollections.Scores, $"{customerId}|{name}") is { } d ? OutcomeBson.ToScore(d) : null;

        public bool HasTag(string customerId, string tag) => Find(LiteDbCollections.Tags, $"{customerId}|{tag}") is not null;
        public bool HasPoints(string id) => Find(LiteDbCollections.Points, id) is not null;
        public FollowUpTask? Task(string id) => Find(LiteDbCollections.FollowUps, id) is { } d ? FollowUpBson.ToTask(d) : null;
        public bool HasCoupon(string id) => Find(LiteDbCollections.Coupons, id) is not null;
        public bool HasDrawChance(string id) => Find(LiteDbCollections.DrawChances, id) is not null;

        BsonDocument? Find(string collection, string id) => database.GetCollection(collection).FindById(id);
    }
}
