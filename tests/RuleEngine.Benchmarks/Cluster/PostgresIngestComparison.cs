using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RuleEngine.Domain;
using RuleEngine.Benchmarks.Ingest;
using RuleEngine.Benchmarks.Ingest.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.Postgres;
using RuleEngine.Testing;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// REST ingest of N orders into the server on PostgreSQL (NDJSON, loopback, the real server as a child process) next to
/// a raw binary COPY of the same rows into the same indexed table, and the same REST ingest on LiteDB, in one run.
/// </summary>
public static class PostgresIngestComparison
{
    public static async Task<int> RunAsync(int orderCount, bool postgresOnly)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        using var server = TemporaryPostgres.Start(ServerTime.Settings);
        var spent = new ServerTime(server);
        try
        {
            var (data, warmUp) = BenchmarkData.Create(orderCount, work).WithWarmUp(WarmUpOrders, Path.Combine(work, "warm-up.ndjson"));
            Console.WriteLine($"{data.Customers.Count:N0} customers, {data.Orders.Count:N0} orders (+ {WarmUpOrders:N0} to warm each server up)");
            var copy = await RawCopyAsync(data, server.CreateDatabase("raw"), spent);
            spent.Report("raw COPY");
            var rest = server.CreateDatabase("rest");
            spent.Begin();
            var onPostgres = await OverRestAsync(data, warmUp, Path.Combine(work, "pg"), new Dictionary<string, string>
            {
                ["RuleEngine__Storage__Provider"] = "postgres", ["RuleEngine__Storage__ConnectionString"] = rest,
            }, server.CpuSeconds);
            spent.Report("REST on PostgreSQL (customers and orders; the server's own CPU is not counted as this process's)");
            var onLiteDb = postgresOnly ? TimeSpan.Zero : await OverRestAsync(data, warmUp, Path.Combine(work, "lite"), new Dictionary<string, string>());

            var n = data.Orders.Count;
            Console.WriteLine();
            Console.WriteLine("| path | orders | seconds | orders/s |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| raw binary COPY into the indexed orders table (PostgreSQL) | {n:N0} | {copy.TotalSeconds:N1} | {n / copy.TotalSeconds:N0} |");
            Console.WriteLine($"| REST NDJSON on PostgreSQL, all-or-nothing | {n:N0} | {onPostgres.TotalSeconds:N1} | {n / onPostgres.TotalSeconds:N0} |");
            if (!postgresOnly) Console.WriteLine($"| REST NDJSON on LiteDB, all-or-nothing | {n:N0} | {onLiteDb.TotalSeconds:N1} | {n / onLiteDb.TotalSeconds:N0} |");
            Console.WriteLine($"\nREST on PostgreSQL / raw COPY throughput: {copy.TotalSeconds / onPostgres.TotalSeconds:N2}; PostgreSQL / LiteDB over REST: {onLiteDb.TotalSeconds / onPostgres.TotalSeconds:N2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The floor: the rows straight into the table the server keeps them in (schema migrated, customers loaded first, untimed).</summary>
    static async Task<TimeSpan> RawCopyAsync(BenchmarkData data, string connectionString, ServerTime spent)
    {
        await using var database = new PostgresDatabase(connectionString);
        PostgresSchema.Migrate(database.Source);
        await new PostgresCustomerStore(database).UpsertAsync(data.Customers);
        spent.Begin();
        var watch = Stopwatch.StartNew();
        await using var connection = await database.Source.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY orders ({PostgresRows.OrderColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var order in data.Orders)
            {
                await importer.StartRowAsync();
                await WriteAsync(importer, order);
            }
            await importer.CompleteAsync();
        }
        watch.Stop();
        Console.WriteLine($"raw COPY: {watch.Elapsed.TotalSeconds:N1} s");
        return watch.Elapsed;
    }

    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The orders' columns through Npgsql's typed importer, as a hand-written client would write them.</summary>
    static async Task WriteAsync(NpgsqlBinaryImporter row, Order o)
    {
        await row.WriteAsync(o.Id, NpgsqlDbType.Text);
        await row.WriteAsync(o.CustomerId, NpgsqlDbType.Text);
        await row.WriteAsync(o.Amount, NpgsqlDbType.Numeric);
        await row.WriteAsync(o.Currency, NpgsqlDbType.Text);
        await row.WriteAsync(DateTime.SpecifyKind(o.At, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        if (o.Channel is null) await row.WriteNullAsync(); else await row.WriteAsync(o.Channel, NpgsqlDbType.Text);
        await row.WriteAsync(o.Status.ToString(), NpgsqlDbType.Text);
        if (o.RefundedAt is { } refunded) await row.WriteAsync(DateTime.SpecifyKind(refunded, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        else await row.WriteNullAsync();
        await row.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(o.Items, Web), NpgsqlDbType.Jsonb);
    }

    /// <summary>
    /// Orders of other customers posted first and not timed: a server that has served a request before (as a running
    /// server has) runs the ingest path as optimised code, not the first tier of the JIT (measured: the JIT itself was a
    /// sixth of a fresh server's CPU through a 300,000-order request, and its hot loops still ran unoptimised code).
    /// </summary>
    const int WarmUpOrders = 20_000;

    /// <param name="databaseCpu">PostgreSQL's CPU seconds so far, to report what the orders request cost it (null on LiteDB).</param>
    static async Task<TimeSpan> OverRestAsync(BenchmarkData data, string warmUp, string folder, Dictionary<string, string> settings,
        Func<double>? databaseCpu = null)
    {
        // Ingest alone, as the raw path: no triggers, and no rules (the shipped ones would compile and run beside it).
        settings["RuleEngine__Triggers__Enabled"] = "false";
        settings["RuleEngine__RulesPath"] = Directory.CreateDirectory(Path.Combine(folder, "no-rules")).FullName;
        settings["RuleEngine__Ingest__MaxBodyBytes"] = (4L << 30).ToString(); // one body for the whole file, as the raw path has one COPY
        using var server = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), folder, TimeSpan.FromSeconds(120), settings,
            keepOutputLine: line => line.Contains(" ERR] ") || line.Contains(" WRN] ") || line.Contains(" responded "));
        using var client = server.CreateClient();
        try
        {
            await IngestComparison.Post(client, "/api/customers", data.CustomersNdjson);
            await IngestComparison.Post(client, "/api/orders", warmUp);
            var (cpu, database) = (BenchCluster.CpuOf(server.Id), databaseCpu?.Invoke());
            var time = await IngestComparison.Post(client, "/api/orders", data.OrdersNdjson);
            Console.WriteLine($"the server used {BenchCluster.CpuOf(server.Id) - cpu:N1} CPU s for the orders" +
                (database is { } before ? $", PostgreSQL {databaseCpu!() - before:N1} CPU s" : ""));
            return time;
        }
        catch (HttpRequestException)
        {
            Console.WriteLine($"The server ({(server.HasExited ? "exited" : "running")}) said last:\n{string.Join("\n", server.LastErrorLines.Concat(server.KeptOutputLines.TakeLast(20)))}");
            throw;
        }
    }
}
