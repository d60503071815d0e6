namespace RuleEngine.Storage;

/// <summary>Whether storage can still take writes; readiness reports it.</summary>
public interface IStorageHealth
{
    /// <summary>Null while healthy; otherwise why writes are refused and what to do.</summary>
    string? Problem { get; }

    /// <summary>How busy storage has been since start: what /metrics shows of it.</summary>
    StorageLoad Load { get; }
}

/// <param name="WritesWaiting">Writes queued for the writer, not yet in a transaction.</param>
/// <param name="Commits">Transactions committed since start.</param>
/// <param name="WriterBusySeconds">Time the writer spent inside transactions.</param>
/// <param name="DurableWaitSeconds">Time the writer waited for the disk to confirm commits before acknowledging them.</param>
/// <param name="LockWaitSeconds">Time callers (readers and the writer) waited to enter the storage engine, one at a time.</param>
/// <param name="LockHeldSeconds">Time the storage engine was held by some caller.</param>
/// <param name="EngineCacheBytes">Memory the embedded engine's page cache has allocated; null for a database server.</param>
public sealed record StorageLoad(int WritesWaiting, long Commits, double WriterBusySeconds, double DurableWaitSeconds, double LockWaitSeconds,
    double LockHeldSeconds, long? EngineCacheBytes = null);

/// <summary>Storage refuses writes after an error that may have left its in-memory state inconsistent.</summary>
public sealed class StorageFaultedException(string message, Exception? cause = null) : Exception(message, cause);
