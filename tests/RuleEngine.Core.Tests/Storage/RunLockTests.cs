using Npgsql;
using RuleEngine.Storage.Postgres;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>Never two runs of one rule at once, never one run twice: the locks every backend keeps runs apart with.</summary>
public abstract class RunLockTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task A_rule_lock_is_held_until_released_and_other_rules_are_free()
    {
        await using var db = NewStorage();
        var held = await db.RunLocks.RuleAsync("tier", default);

        var waiting = db.RunLocks.RuleAsync("tier", default);
        await using (await db.RunLocks.RuleAsync("value-grade", default)) { } // another rule does not wait
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_run_is_executing_exactly_while_its_lock_is_held()
    {
        await using var db = NewStorage();
        Assert.False(db.RunLocks.IsExecuting("r1"));

        var held = await db.RunLocks.RunAsync("r1", default);
        Assert.True(db.RunLocks.IsExecuting("r1"));
        Assert.False(db.RunLocks.IsExecuting("r2"));

        await held.DisposeAsync();
        Assert.False(db.RunLocks.IsExecuting("r1"));
    }

    [Fact]
    public async Task Waiting_for_a_lock_can_be_cancelled()
    {
        await using var db = NewStorage();
        await using var held = await db.RunLocks.RuleAsync("tier", default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.RunLocks.RuleAsync("tier", cancel.Token));
    }
}

public sealed class RunLockOnLiteDb : RunLockTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class RunLockOnPostgres : RunLockTests
{
    protected override TestStorage NewStorage() => new TempPostgres();

    [Fact]
    public async Task Locks_hold_across_servers_and_die_with_the_server_that_held_them()
    {
        await using var db = (TempPostgres)NewStorage();
        await using var otherNode = new PostgresDatabase(new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = "node-b" }.ConnectionString);
        var other = new PostgresRunLocks(otherNode);
        // Kept in a variable to the end: a discarded handle's unpooled connection can be collected and closed by the
        // garbage collector, which ends its session and frees the lock (seen once on a loaded CI machine).
        var run = await other.RunAsync("r1", default);
        var rule = await other.RuleAsync("tier", default);

        Assert.True(db.RunLocks.IsExecuting("r1"));
        var waiting = db.RunLocks.RuleAsync("tier", default);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        // The other server dies: PostgreSQL ends its sessions, and with them its locks.
        await using (var admin = await otherNode.Source.OpenConnectionAsync())
        await using (var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'node-b:lock:%'", admin))
            await kill.ExecuteNonQueryAsync();

        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        // Each killed session lets go when its backend exits: soon, not necessarily before the one that freed "tier".
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (db.RunLocks.IsExecuting("r1") && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(db.RunLocks.IsExecuting("r1"));
        try { await rule.DisposeAsync(); } catch (NpgsqlException) { } // its connection is gone already
        try { await run.DisposeAsync(); } catch (NpgsqlException) { }
    }
}
