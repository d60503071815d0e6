namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Storage is unhealthy once LiteDB closed its engine after an internal error, or once the writer refused to go on
/// after a failed rollback. Either way only a restart, which reopens the file from disk, brings it back.
/// </summary>
public sealed class LiteDbHealth(SerializedLiteEngine engine, LiteDbWriter writer) : IStorageHealth
{
    public string? Problem => engine.Problem ?? writer.Problem;

    public StorageLoad Load
    {
        get
        {
            var (busy, durable) = writer.Seconds;
            var (waited, held) = engine.GateSeconds;
            return new StorageLoad(writer.Waiting, writer.Commits, busy, durable, waited, held, engine.CacheBytes);
        }
    }
}
