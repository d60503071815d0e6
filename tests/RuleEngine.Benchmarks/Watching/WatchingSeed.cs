using System.Diagnostics;
using LiteDB;
using LiteDB.Engine;
using RuleEngine.Benchmarks.Runs;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Benchmarks.Watching;

/// <summary>
/// The watching benchmark's store: N customers with names, phones and e-mails, each with segment stays over two years
/// (two kinds, one to four stays each), loaded raw as fast as LiteDB allows (as the run benchmark seeds); then one
/// customer with two years of weekly activity written through the real outcome writer.
/// </summary>
static class WatchingSeed
{
    public static readonly DateTime Start = new(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    public const string Heavy = "heavy-customer";
    static readonly string[] Surnames = ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"];
    static readonly string[] Given = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yan", "Jie", "Tao", "Ming"];
    static readonly string[] Grades = ["A", "B", "C", "D"];
    static readonly string[] Stages = ["new", "active", "at-risk", "lapsed"];

    public static double SeedRaw(string folder, int customers)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var random = new Random(42);
        using var file = new FileStream(Path.Combine(folder, LiteDbFile.FileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        using (var db = new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = new UnsyncedStream(file), Collation = LiteDbFile.Collation })) { UtcDate = true })
        {
            LiteDbCollections.EnsureIndexes(db);
            foreach (var chunk in Enumerable.Range(0, customers).Chunk(5_000))
            {
                db.BeginTrans();
                db.GetCollection(LiteDbCollections.Customers).InsertBulk(chunk.Select(i => InputBson.ToBson(CustomerAt(i, random))));
                db.GetCollection(LiteDbCollections.Segments).InsertBulk(chunk.SelectMany(i =>
                    Stays($"c{i:D7}", "value-grade", Grades, random).Concat(Stays($"c{i:D7}", "lifecycle", Stages, random))).Select(OutcomeBson.ToBson));
                db.Commit();
            }
        }
        file.Flush(flushToDisk: true);
        return watch.Elapsed.TotalSeconds;
    }

    static Customer CustomerAt(int i, Random random) => new()
    {
        Id = $"c{i:D7}", Name = $"{Surnames[random.Next(Surnames.Length)]} {Given[random.Next(Given.Length)]}",
        Phone = $"1{random.Next(30, 90)}{random.Next(0, 100_000_000):D8}", Email = $"user{i}@example.com",
    };

    /// <summary>One to four stays of one kind, back to back from a random day in the two years; the last stays open.</summary>
    static IEnumerable<SegmentMembership> Stays(string customerId, string kind, string[] values, Random random)
    {
        var at = Start.AddDays(random.Next(0, 600));
        var count = random.Next(1, 5);
        for (var n = 0; n < count; n++)
        {
            var left = n == count - 1 ? (DateTime?)null : at.AddDays(random.Next(20, 120));
            if (left > Start.AddDays(729)) left = null;
            var source = new OutcomeSource { Rule = kind, RuleVersionHash = "v1", RunId = $"run-{at:yyyyMMdd}", At = at };
            yield return new SegmentMembership
            {
                Id = $"{customerId}|{kind}|{n}", CustomerId = customerId, Kind = kind, Value = values[random.Next(values.Length)],
                EnteredAt = at, EnteredBy = source, Explanation = "seeded", LeftAt = left,
                LeftBy = left is null ? null : source with { At = left.Value, RunId = $"run-{left:yyyyMMdd}" },
            };
            if (left is null) yield break;
            at = left.Value;
        }
    }

    /// <summary>Two years of weekly runs for one customer: grade and lifecycle moves, an RFM score, points, a task a month.</summary>
    public static async Task AddHeavyCustomerAsync(LiteDatabase database, LiteDbWriter writer)
    {
        await writer.WriteAsync(db => db.GetCollection(LiteDbCollections.Customers).Upsert(InputBson.ToBson(new Customer { Id = Heavy, Name = "Zhang Wei", Phone = "13812345678" })));
        var outcomes = new LiteDbOutcomeWriter(database, writer);
        for (var week = 0; week < 104; week++)
        {
            var at = Start.AddDays(7 * week);
            await outcomes.ApplyAsync(new OutcomeBatch
            {
                Source = new OutcomeSource { Rule = "weekly", RuleVersionHash = "v1", RunId = $"weekly-{week}", At = at },
                Segments = [new SegmentAssignment(Heavy, "value-grade", Grades[week % 4], $"week {week}"), new SegmentAssignment(Heavy, "lifecycle", Stages[week / 3 % 4], "weekly")],
                Scores = [new ScoreChange(Heavy, "rfm", week % 5, $"R{week % 5}")],
                Points = Enumerable.Range(0, 7).Select(d => new PointsGrant(Heavy, PointsEntryType.Earn, 10, "sign-in", $"signin:{at.AddDays(d):yyyy-MM-dd}")).ToList(),
                FollowUps = week % 4 == 0 ? [new FollowUpRequest(Heavy, $"call:{week}", at.AddDays(3), "phone", "monthly call")] : [],
            });
        }
    }
}
