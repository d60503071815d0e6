using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Audit;

/// <summary>What a chain alone cannot see (a rewrite with new hashes, a cut-off tail) and how a noted head catches it.</summary>
public abstract class AuditAnchorTests(TestStorage db) : IAsyncDisposable
{
    readonly TestStorage _db = db;

    AuditLog Log => new(_db.Audit, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)), NullLogger<AuditLog>.Instance);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    async Task<AuditAnchor> AppendAndNoteHeadAsync(int count)
    {
        for (var i = 1; i <= count; i++) await Log.AppendAsync(new AuditEvent(AuditTypes.RunTriggered, "ops", $"entry {i}"));
        var head = Log.Head()!;
        return new AuditAnchor(head.Sequence, head.Hash);
    }

    [Fact]
    public async Task A_rewrite_with_recomputed_hashes_passes_the_chain_but_not_the_noted_anchor()
    {
        var anchor = await AppendAndNoteHeadAsync(5);

        // The attacker's rewrite: entry 3 changed, then 3 to 5 re-hashed and re-linked.
        await _db.TamperWithAuditAsync(audit =>
        {
            var previousHash = audit[2].Hash;
            for (var sequence = 3; sequence <= 5; sequence++)
            {
                var entry = audit[sequence] with { PreviousHash = previousHash };
                if (sequence == 3) entry = entry with { Actor = "someone-else" };
                audit[sequence] = entry = entry with { Hash = AuditHash.Of(entry) };
                previousHash = entry.Hash;
            }
        });

        Assert.True(Log.Verify().Ok);
        var problem = Log.Verify(anchor).FirstBadEntry!;
        Assert.Equal((5L, AuditProblemKind.AnchorMismatch), (problem.Sequence, problem.Problem));
    }

    [Fact]
    public async Task Entries_cut_off_the_end_pass_the_chain_but_not_the_noted_anchor()
    {
        var anchor = await AppendAndNoteHeadAsync(4);

        await _db.TamperWithAuditAsync(audit => audit.Remove(4));

        Assert.True(Log.Verify().Ok);
        var result = Log.Verify(anchor);
        Assert.False(result.Ok);
        Assert.Equal(AuditProblemKind.AnchorMismatch, result.FirstBadEntry!.Problem);
        Assert.Equal(3, result.Entries);
    }

    [Fact]
    public async Task An_untouched_chain_verifies_against_its_anchor_after_more_entries()
    {
        var anchor = await AppendAndNoteHeadAsync(3);
        await Log.AppendAsync(new AuditEvent(AuditTypes.RunFinished, "ops", "later"));

        var result = Log.Verify(anchor);

        Assert.True(result.Ok, result.FirstBadEntry?.Detail);
        Assert.Equal(4, result.Entries);
    }
}

public sealed class AuditAnchorOnLiteDb() : AuditAnchorTests(new TempDatabase());

[Trait("Backend", "postgres")]
public sealed class AuditAnchorOnPostgres() : AuditAnchorTests(new TempPostgres());
