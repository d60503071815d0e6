namespace RuleEngine.Storage;

/// <summary>Whether storage can still take writes; readiness reports it.</summary>
public interface IStorageHealth
{
    /// <summary>Null while healthy; otherwise why writes are refused and what to do.</summary>
    string? Problem { get; }
}

/// <summary>Storage refuses writes after an error that may have left its in-memory state inconsistent.</summary>
public sealed class StorageFaultedException(string message, Exception? cause = null) : Exception(message, cause);
