using System.Diagnostics;
using Npgsql;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every store uses: one pooled data source; reads on a connection of their own; writes in a
/// transaction that commits before the caller's task completes (so an acknowledged write is durable, as on LiteDB).
/// Concurrency is PostgreSQL's: writes run side by side, and those that must not interleave lock what they check
/// (a customer's row for redemptions and outcome batches, a table lock for the audit chain's head).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IStorageHealth
{
    /// <summary>A transaction that lost to a concurrent one (see <see cref="PlanConflictException"/>) is run again, up to this many times.</summary>
    const int Attempts = 5;

    long _commits, _busyTicks, _failures;
    int _writing;
    volatile string? _problem;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // A statement never waits for ever: a lock held by a dead session (quartznet#3764) fails the statement instead of stalling the node.
        if (builder.CommandTimeout == 30) builder.CommandTimeout = 120;
        ConnectionString = builder.ConnectionString;
        Source = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>With its password (the data source's own copy drops it): for connections outside the pool.</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource Source { get; }

    public T Read<T>(Func<NpgsqlConnection, T> read)
    {
        using var connection = Source.OpenConnection();
        return read(connection);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction and commits; a serialization failure or deadlock runs it again.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writing);
        var started = Stopwatch.GetTimestamp();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = await Source.OpenConnectionAsync(cancellationToken);
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    var result = await work(connection, transaction);
                    await transaction.CommitAsync(cancellationToken);
                    Interlocked.Increment(ref _commits);
                    _problem = null;
                    return result;
                }
                catch (Exception e) when (attempt < Attempts && e is PlanConflictException
                    or PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation })
                {
                    // Another transaction wrote what this one planned against (or raced it to a new key): plan again on the new state.
                    await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt * Random.Shared.Next(1, 5)), cancellationToken);
                }
                catch (NpgsqlException e) when (e is not PostgresException && !cancellationToken.IsCancellationRequested)
                {
                    // The database could not be reached or the connection broke: nothing was committed (or PostgreSQL will
                    // roll it back); readiness says so until a write gets through again.
                    Interlocked.Increment(ref _failures);
                    _problem = $"PostgreSQL cannot be reached: {e.Message}";
                    throw;
                }
            }
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
            Interlocked.Decrement(ref _writing);
        }
    }

    public Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync(async (c, t) => { await work(c, t); return true; }, cancellationToken);

    public string? Problem => _problem;

    public StorageLoad Load => new(
        Volatile.Read(ref _writing), Interlocked.Read(ref _commits), Interlocked.Read(ref _busyTicks) / (double)Stopwatch.Frequency, 0, 0, 0);

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
