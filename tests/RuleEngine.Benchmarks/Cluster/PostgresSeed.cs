using System.Diagnostics;
using Npgsql;
using RuleEngine.Demo;
using RuleEngine.Storage.Postgres;
using RuleEngine.Testing;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// The PostgreSQL benchmarks' input: N demo customers with their orders and events, loaded once into a template database
/// through the server's own ingest path (binary COPY into a staging table, one upsert per batch); every measured path
/// then gets its own copy (<c>CREATE DATABASE … TEMPLATE</c>, a file copy inside the server), so all start alike.
/// </summary>
sealed class PostgresSeed(TemporaryPostgres server, int customers, long orders, long events)
{
    const string Template = "seed";
    const int CustomersPerBatch = 5_000;

    public int Customers => customers;
    public long Orders => orders;
    public long Events => events;

    public static async Task<PostgresSeed> CreateAsync(TemporaryPostgres server, int customers)
    {
        var connectionString = server.CreateDatabase(Template);
        var watch = Stopwatch.StartNew();
        long orders = 0, events = 0;
        await using (var database = new PostgresDatabase(connectionString))
        {
            PostgresSchema.Migrate(database.Source);
            var (customerStore, orderStore, eventStore) = (new PostgresCustomerStore(database), new PostgresOrderStore(database), new PostgresEventStore(database));
            foreach (var chunk in new DemoDataGenerator().Generate(customers).Chunk(CustomersPerBatch))
            {
                await customerStore.UpsertAsync(chunk.Select(c => c.Customer).ToList());
                await orderStore.UpsertAsync(chunk.SelectMany(c => c.Orders).ToList());
                await eventStore.UpsertAsync(chunk.SelectMany(c => c.Events).ToList());
                orders += chunk.Sum(c => c.Orders.Count);
                events += chunk.Sum(c => c.Events.Count);
            }
            await using var analyze = database.Source.CreateCommand("VACUUM ANALYZE");
            await analyze.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();
        Console.WriteLine($"Seeded {customers:N0} customers, {orders:N0} orders, {events:N0} events into PostgreSQL in {watch.Elapsed.TotalSeconds:N0} s");
        return new PostgresSeed(server, customers, orders, events);
    }

    /// <summary>
    /// Drops a measured copy: its background work (autovacuum of what the path wrote, its checkpoint) would otherwise be
    /// counted against the next path.
    /// </summary>
    public void Drop(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server.AdminConnectionString);
        connection.Open();
        using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection)) drop.ExecuteNonQuery();
        using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection)) checkpoint.ExecuteNonQuery();
    }

    /// <summary>A fresh copy of the seeded database; returns its connection string.</summary>
    public string Copy(string name)
    {
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections
        using var connection = new NpgsqlConnection(server.AdminConnectionString);
        connection.Open();
        using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection)) drop.ExecuteNonQuery();
        using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"", connection)) create.ExecuteNonQuery();
        using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection)) checkpoint.ExecuteNonQuery();
        return server.ConnectionString(name);
    }
}
