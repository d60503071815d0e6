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

    public static LiteDatabase Open(string dataPath) => Open(OpenEngine(dataPath));

    /// <summary>The engine alone: the server keeps it to report whether LiteDB closed it (<see cref="SerializedLiteEngine.Problem"/>).</summary>
    public static SerializedLiteEngine OpenEngine(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        // One engine in this process (LiteDB's "direct" mode: shared mode is far slower and not safe on Linux), written by
        // the single writer thread and read by any thread, one call at a time (see SerializedLiteEngine).
        return new SerializedLiteEngine(new LiteEngine(new EngineSettings
        {
            Filename = Path.Combine(dataPath, FileName),
            Collation = Collation,
        }));
    }

    public static LiteDatabase Open(SerializedLiteEngine engine)
    {
        // Times come back as UTC, as they went in (a pragma kept in the file; set before the writer starts).
        var database = new LiteDatabase(engine) { UtcDate = true };
        LiteDbCollections.EnsureIndexes(database);
        LiteDbUpgrades.Apply(database);
        return database;
    }
}
