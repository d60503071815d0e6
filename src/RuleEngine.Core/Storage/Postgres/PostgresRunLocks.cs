using Npgsql;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Run locks as PostgreSQL session advisory locks: each held lock is a connection of its own holding
/// <c>pg_advisory_lock</c>, released by closing it. A node that dies takes its sessions with it, so its locks are free
/// again at once (no lease to wait out), and a run it was executing is then seen as left by a crash.
/// </summary>
public sealed class PostgresRunLocks(PostgresDatabase database) : IRunLocks
{
    public Task<IAsyncDisposable> RuleAsync(string rule, CancellationToken cancellationToken) => TakeAsync("rule:" + rule, cancellationToken);

    public Task<IAsyncDisposable> RunAsync(string runId, CancellationToken cancellationToken) => TakeAsync("run:" + runId, cancellationToken);

    public bool IsExecuting(string runId) => database.Read(c =>
    {
        // Taken and given back at once when free; false (held elsewhere) otherwise.
        var free = c.Command("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", "run:" + runId).List(r => r.GetBoolean(0))[0];
        if (free) c.Command("SELECT pg_advisory_unlock(hashtextextended($1, 0))", "run:" + runId).ExecuteNonQuery();
        return !free;
    });

    async Task<IAsyncDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        // Not from the pool: a pooled connection given back would keep the session, and with it the lock. Named after the
        // server (the connection string's Application Name) and the lock: pg_stat_activity shows who holds which run.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 };
        builder.ApplicationName = $"{builder.ApplicationName ?? "ruleengine"}:lock:{key}";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var wait = connection.Command("SELECT pg_advisory_lock(hashtextextended($1, 0))", key);
            await wait.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Unlocks before closing: a closed socket ends the session only when the server gets to it, and until then the lock
    /// would still look held. A connection already broken (the server ended it) has no lock left to give back.
    /// </summary>
    sealed class Held(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = connection.Command("SELECT pg_advisory_unlock(hashtextextended($1, 0))", key);
                await unlock.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException) { }
            catch (InvalidOperationException) { } // the connection was already closed
            await connection.DisposeAsync();
        }
    }
}
