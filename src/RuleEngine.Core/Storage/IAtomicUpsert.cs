using RuleEngine.Triggers;

namespace RuleEngine.Storage;

/// <summary>
/// A store that can keep one write transaction open for a whole ingest request (PostgreSQL): an all-or-nothing request's
/// batches are written as they are validated, while the next ones are read, and kept all or none at the end. A store
/// without it (LiteDB: its transactions are bound to the writer thread and held in memory) spools the request until it
/// proved valid and writes it afterwards.
/// </summary>
public interface IAtomicUpsert<T>
{
    Task<IUpsertTransaction<T>> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>One open ingest transaction; disposing it without <see cref="CommitAsync"/> rolls everything back.</summary>
public interface IUpsertTransaction<T> : IAsyncDisposable
{
    /// <summary>
    /// Inserts or replaces by id inside the transaction; <paramref name="triggers"/> are recorded at commit, with the rows.
    /// An id may appear once in the whole transaction (the ingest pipeline refuses a repeated id in a request).
    /// May be called again before the last call completed: batches are written in the order they were handed over, and
    /// one that fails fails those after it.
    /// </summary>
    Task WriteAsync(IReadOnlyList<T> items, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
