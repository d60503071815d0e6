using System.Reflection;
using Npgsql;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Creates and migrates the schema at start-up from the numbered scripts in Migrations/ (embedded in the assembly):
/// each runs once, in its own transaction with its row in <c>schema_migrations</c>, so a failed script leaves the
/// schema at the previous version. An advisory lock makes nodes that start together migrate one after another.
/// A database migrated by a newer server (a version this one does not know) is refused rather than used.
/// </summary>
public static class PostgresSchema
{
    const long MigrationLock = 0x52_45_4D_49_47_52; // "REMIGR"

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = Load();

    public static void Migrate(NpgsqlDataSource source)
    {
        using var connection = source.OpenConnection();
        connection.Command("SELECT pg_advisory_lock($1)", MigrationLock).ExecuteNonQuery();
        try
        {
            connection.Command("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """).ExecuteNonQuery();
            var applied = connection.Command("SELECT version FROM schema_migrations").List(r => r.GetInt32(0)).ToHashSet();
            var newest = Migrations[^1].Version;
            if (applied.Count > 0 && applied.Max() > newest)
                throw new InvalidOperationException(
                    $"The database's schema is at version {applied.Max()}, newer than this server knows ({newest}): upgrade the server, or point it at another database.");
            foreach (var (version, name, sql) in Migrations.Where(m => !applied.Contains(m.Version)))
            {
                using var transaction = connection.BeginTransaction();
                try
                {
                    new NpgsqlCommand(sql, connection, transaction).ExecuteNonQuery();
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"Schema migration {version:D4}_{name}.sql failed: {e.MessageText} (line {e.Line}, {e.Where}).", e);
                }
                using (var record = connection.Command("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name))
                {
                    record.Transaction = transaction;
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
            }
        }
        finally
        {
            connection.Command("SELECT pg_advisory_unlock($1)", MigrationLock).ExecuteNonQuery();
        }
    }

    static List<(int, string, string)> Load()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        const string prefix = "RuleEngine.Storage.Postgres.Migrations.";
        var migrations = assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var separator = file.IndexOf('_');
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(file[..separator], System.Globalization.CultureInfo.InvariantCulture), file[(separator + 1)..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1).ToList();
        if (migrations.Count == 0) throw new InvalidOperationException("No schema migrations are embedded in the assembly.");
        return migrations;
    }
}
