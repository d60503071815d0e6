using LiteDB;

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

    public static LiteDatabase Open(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var connection = new ConnectionString
        {
            Filename = Path.Combine(dataPath, FileName),
            // Direct mode: shared mode is far slower and not safe on Linux. The single writer makes direct mode safe.
            Connection = ConnectionType.Direct,
            Collation = Collation,
        };
        // Times come back as UTC, as they went in (a pragma kept in the file; set before the writer starts).
        var database = new LiteDatabase(connection) { UtcDate = true };
        LiteDbCollections.EnsureIndexes(database);
        return database;
    }
}
