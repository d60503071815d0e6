using LiteDB;
using LiteDB.Engine;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Opens the one database file under the data folder.</summary>
public static class LiteDbFile
{
    public const string FileName = "ruleengine.db";

    /// <summary>
    /// Ordinal: ids are case-sensitive ("C1" and "c1" are two customers) and sort the same everywhere.
    /// Fixed when the file is created.
    /// </summary>
    public static readonly Collation Collation = new("en-US/Ordinal");

    // Which engine a database was opened on: its writer makes each commit durable through it.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LiteDatabase, SerializedLiteEngine> Engines = new();

    /// <summary>The engine <paramref name="database"/> was opened on by <see cref="Open(SerializedLiteEngine)"/>; null for one opened otherwise.</summary>
    public static SerializedLiteEngine? EngineOf(LiteDatabase database) => Engines.TryGetValue(database, out var engine) ? engine : null;

    public static LiteDatabase Open(string dataPath)
    {
        var engine = OpenEngine(dataPath);
        try
        {
            return Open(engine);
        }
        catch
        {
            engine.Dispose(); // the files are released, not left open by a half-opened database
            throw;
        }
    }

    /// <summary>The engine alone: the server keeps it to report whether LiteDB closed it (<see cref="SerializedLiteEngine.Problem"/>).</summary>
    /// <param name="transactionMegabytes">The pages open transactions may hold (see <see cref="LiteDbMemory"/>).</param>
    /// <param name="checkpointPages">The log's size that makes a commit checkpoint (LiteDB's <c>CHECKPOINT</c> pragma).</param>
    public static SerializedLiteEngine OpenEngine(string dataPath, int transactionMegabytes = StorageOptions.DefaultLiteDbTransactionMegabytes,
        int checkpointPages = StorageOptions.DefaultLiteDbCheckpointPages)
    {
        Directory.CreateDirectory(dataPath);
        // One engine in this process (LiteDB's "direct" mode: shared mode is far slower and not safe on Linux), written by
        // the single writer thread and read by any thread, one call at a time (see SerializedLiteEngine), over files we
        // open ourselves so that commits are fsynced outside that lock (see DurableFiles).
        var files = new DurableFiles(Path.Combine(dataPath, FileName));
        try
        {
            var engine = new LiteEngine(new EngineSettings { DataStream = files.Data, LogStream = files.Log, Collation = Collation });
            files.Attach(engine);
            LiteDbMemory.LimitTransactionPages(engine, (int)(transactionMegabytes * 1024L * 1024L / LiteDbMemory.PageSize));
            if ((int)engine.Pragma(Pragmas.CHECKPOINT) != checkpointPages) engine.Pragma(Pragmas.CHECKPOINT, checkpointPages);
            return new SerializedLiteEngine(engine, files, LiteDbMemory.CacheBytes(engine));
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public static LiteDatabase Open(SerializedLiteEngine engine)
    {
        // Times come back as UTC, as they went in (a pragma kept in the file; set before the writer starts).
        var database = new LiteDatabase(engine) { UtcDate = true };
        Engines.AddOrUpdate(database, engine);
        LiteDbCollections.EnsureIndexes(database);
        LiteDbUpgrades.Apply(database);
        return database;
    }
}
