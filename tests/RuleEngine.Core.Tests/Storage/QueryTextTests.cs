using System.Collections;
using System.Reflection;
using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// LiteDB compiles each distinct query text once and keeps it for the life of the process, so a value written into
/// the text (an id per customer) costs a compile and memory for good. Lookups made per customer or per page must
/// pass their values as parameters: no kept query text may contain them.
/// </summary>
public class QueryTextTests
{
    [Fact]
    public async Task Per_customer_and_per_page_lookups_leave_no_customer_id_in_LiteDBs_compiled_queries()
    {
        await using var db = new TempDatabase();
        var marker = $"probe{Guid.NewGuid():N}";
        var ids = Enumerable.Range(0, 12).Select(i => $"{marker}-{i:D2}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList());
        await db.Orders.UpsertAsync(ids.Select(id => Some.Order($"{id}-o", id)).ToList());
        await db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = Some.Run(), Segments = ids.Select(id => new SegmentAssignment(id, "tier", "gold", "test")).ToList(),
        });

        _ = db.Stream.ReadPages(pageSize: 5).ToList();
        _ = db.Stream.Read(ids.Take(5).ToList());
        _ = db.Segments.HistoryFor(ids.Take(5).ToList());
        _ = db.Scores.ScoresFor(ids.Take(5).ToList());
        _ = db.Scores.TagsFor(ids.Take(5).ToList());
        _ = db.Points.EntriesFor(ids.Take(5).ToList());
        _ = db.FollowUps.ForCustomers(ids.Take(5).ToList());
        foreach (var id in ids)
        {
            _ = db.Segments.HistoryFor(id);
            _ = db.Scores.ScoresFor(id);
            _ = db.Scores.TagsFor(id);
            _ = db.Points.EntriesFor(id);
            _ = db.Orders.ForCustomer(id);
            _ = db.FollowUps.List(new FollowUpQuery(CustomerId: id), new PageRequest(10));
        }

        Assert.DoesNotContain(CompiledQueryTexts(), text => text.Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>The texts in LiteDB 5.0.20's static caches of compiled expressions (private: read by reflection).</summary>
    static List<string> CompiledQueryTexts()
    {
        var caches = new[] { "_cacheScalar", "_cacheEnumerable" }
            .Select(name => typeof(BsonExpression).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as IDictionary)
            .ToList();
        Assert.All(caches, cache => Assert.NotNull(cache)); // LiteDB changed: find where it keeps compiled expressions now
        Assert.Contains(caches, cache => cache!.Count > 0);
        return caches.SelectMany(cache => cache!.Keys.Cast<string>()).ToList();
    }
}
