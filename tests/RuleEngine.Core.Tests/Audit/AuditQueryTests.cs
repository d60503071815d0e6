using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Audit;

public abstract class AuditQueryTests(TestStorage db) : IAsyncLifetime
{
    static readonly DateTime Start = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
    readonly TestStorage _db = db;
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));

    AuditLog Log => new(_db.Audit, _clock, NullLogger<AuditLog>.Instance);

    public async Task InitializeAsync()
    {
        // Entry n at Start + n minutes; actors alternate; rules a, b, none; two types.
        for (var n = 1; n <= 9; n++)
        {
            _clock.SetUtcNow(new DateTimeOffset(Start.AddMinutes(n)));
            await Log.AppendAsync(new AuditEvent(n % 2 == 0 ? AuditTypes.RunFinished : AuditTypes.RunTriggered,
                n % 2 == 0 ? "ops" : "scheduler", $"entry {n}", (n % 3) switch { 0 => "a", 1 => "b", _ => null }));
        }
    }

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    List<long> Sequences(AuditQuery query) => Log.ReadAll(query).Select(e => e.Sequence).ToList();

    [Fact]
    public void Filters_select_by_type_actor_rule_and_time()
    {
        Assert.Equal([2L, 4, 6, 8], Sequences(new AuditQuery(Type: AuditTypes.RunFinished)));
        Assert.Equal([1L, 3, 5, 7, 9], Sequences(new AuditQuery(Actor: "scheduler")));
        Assert.Equal([3L, 6, 9], Sequences(new AuditQuery(Rule: "a")));
        Assert.Equal([3L, 4], Sequences(new AuditQuery(From: Start.AddMinutes(3), To: Start.AddMinutes(5))));
        Assert.Equal([6L], Sequences(new AuditQuery(Actor: "ops", Rule: "a")));
    }

    [Fact]
    public void Pages_follow_each_other_in_sequence_order_until_the_last()
    {
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Log.List(new AuditQuery(Actor: "scheduler"), new PageRequest(2, cursor));
            seen.AddRange(page.Items.Select(e => e.Sequence));
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null);

        Assert.Equal([1L, 3, 5, 7, 9], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public void Last_is_the_newest_match_and_head_the_newest_entry()
    {
        Assert.Equal(8, Log.Last(new AuditQuery(Type: AuditTypes.RunFinished))?.Sequence);
        Assert.Equal(9, Log.Head()?.Sequence);
        Assert.Equal(Start.AddMinutes(9), Log.Head()?.At);
    }
}

public sealed class AuditQueryOnLiteDb() : AuditQueryTests(new TempDatabase());

[Trait("Backend", "postgres")]
public sealed class AuditQueryOnPostgres() : AuditQueryTests(new TempPostgres());
