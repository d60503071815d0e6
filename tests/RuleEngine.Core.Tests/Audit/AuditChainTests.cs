using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Audit;

/// <summary>
/// The chain over real storage (LiteDB, PostgreSQL); tampering edits the stored rows as someone with access to the file
/// or the database could, behind the server's back.
/// </summary>
public abstract class AuditChainTests(TestStorage db) : IAsyncDisposable
{
    readonly TestStorage _db = db;
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    AuditLog Log => new(_db.Audit, _clock, NullLogger<AuditLog>.Instance);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    async Task AppendAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Log.AppendAsync(new AuditEvent(AuditTypes.TaskUpdated, $"actor-{i % 2}", $"entry {i}", "rule-a", $"task-{i}", new { n = i }));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    Task EditAsync(Action<SortedDictionary<long, AuditEntry>> edit) => _db.TamperWithAuditAsync(edit);

    [Fact]
    public async Task Each_entry_links_to_the_one_before_and_an_untouched_chain_verifies()
    {
        await AppendAsync(3);

        var entries = Log.ReadAll(new AuditQuery()).ToList();
        var result = Log.Verify();

        Assert.Equal([1L, 2, 3], entries.Select(e => e.Sequence));
        Assert.Equal(AuditHash.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.True(result.Ok);
        Assert.Equal(3, result.Entries);
        Assert.Equal(entries[2].Hash, result.Head?.Hash);
        Assert.Null(result.FirstBadEntry);
    }

    [Fact]
    public void An_empty_log_verifies_with_no_entries_and_no_head()
    {
        var result = Log.Verify();

        Assert.True(result.Ok);
        Assert.Equal(0, result.Entries);
        Assert.Null(result.Head);
    }

    [Fact]
    public async Task Concurrent_appends_form_one_chain_without_gaps_or_forks()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Log.AppendAsync(new AuditEvent(AuditTypes.DataIngested, $"a{i}", "x")))));

        var result = Log.Verify();

        Assert.True(result.Ok, result.FirstBadEntry?.Detail);
        Assert.Equal(200, result.Entries);
    }

    [Fact]
    public async Task An_altered_entry_is_named_with_a_hash_mismatch()
    {
        await AppendAsync(5);

        await EditAsync(audit => audit[3] = audit[3] with { Actor = "someone-else" });

        var problem = Assert.IsType<AuditProblem>(Log.Verify().FirstBadEntry);
        Assert.Equal((3L, AuditProblemKind.HashMismatch), (problem.Sequence, problem.Problem));
    }

    [Fact]
    public async Task A_deleted_entry_is_named_as_missing()
    {
        await AppendAsync(5);

        await EditAsync(audit => audit.Remove(2));

        var result = Log.Verify();
        Assert.False(result.Ok);
        Assert.Equal(1, result.Entries);
        Assert.Equal((2L, AuditProblemKind.Missing), (result.FirstBadEntry!.Sequence, result.FirstBadEntry.Problem));
    }

    [Fact]
    public async Task Two_swapped_entries_are_named_as_out_of_order()
    {
        await AppendAsync(5);

        await EditAsync(audit => (audit[2], audit[4]) = (audit[4], audit[2]));

        var problem = Log.Verify().FirstBadEntry!;
        Assert.Equal((2L, AuditProblemKind.OutOfOrder), (problem.Sequence, problem.Problem));
    }

    [Fact]
    public async Task An_entry_removed_and_the_rest_renumbered_breaks_the_link()
    {
        await AppendAsync(4);

        // Entry 2 removed, entries 3 and 4 moved down with their sequence fields rewritten: no gap, but the hashes know.
        await EditAsync(audit =>
        {
            var (third, fourth) = (audit[3], audit[4]);
            audit.Remove(4);
            audit[2] = third with { Sequence = 2 };
            audit[3] = fourth with { Sequence = 3 };
        });

        var problem = Log.Verify().FirstBadEntry!;
        Assert.Equal((2L, AuditProblemKind.HashMismatch), (problem.Sequence, problem.Problem));
    }
}

public sealed class AuditChainOnLiteDb() : AuditChainTests(new TempDatabase());

[Trait("Backend", "postgres")]
public sealed class AuditChainOnPostgres() : AuditChainTests(new TempPostgres());
