using System.Collections.Concurrent;
using Npgsql;
using RuleEngine.Domain;
using RuleEngine.Triggers;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Ingest on PostgreSQL: a batch is copied (binary COPY) into a temporary staging table and moved into its table by
/// one <c>INSERT … ON CONFLICT (id) DO UPDATE</c>, with its trigger marks, in one transaction: all or nothing, and a
/// repeated id replaces the row (the last of a batch wins), exactly as on LiteDB.
/// </summary>
public abstract class PostgresRecords<T>(PostgresDatabase database, string table, string columns, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write)
{
    public Task UpsertAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default) => UpsertAsync(items, null, cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<T> items, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken)
    {
        if (items.Count == 0 && triggers is not { Count: > 0 }) return;
        await database.WriteAsync(async (connection, transaction) =>
        {
            await Copy(connection, items, cancellationToken);
            // Same transaction: the data and its trigger entries commit together or not at all.
            if (triggers is { Count: > 0 }) await PostgresTriggerOutbox.MarkAsync(connection, triggers, cancellationToken);
        }, cancellationToken);
        Stored(items);
    }

    /// <summary>After the batch committed.</summary>
    protected virtual void Stored(IReadOnlyList<T> items) { }

    async Task Copy(NpgsqlConnection connection, IReadOnlyList<T> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        var staging = table + "_in";
        await using (var create = connection.Command(
            $"CREATE TEMP TABLE {staging} (LIKE {table}) ON COMMIT DROP; ALTER TABLE {staging} ADD COLUMN ord bigserial"))
            await create.ExecuteNonQueryAsync(ct);
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {staging} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var item in items)
            {
                await importer.StartRowAsync(ct);
                await write(importer, item, ct);
            }
            await importer.CompleteAsync(ct);
        }
        var updates = string.Join(", ", columns.Split(", ").Skip(1).Select(c => $"{c} = EXCLUDED.{c}"));
        await using var move = connection.Command(
            $"INSERT INTO {table} ({columns}) SELECT DISTINCT ON (id) {columns} FROM {staging} ORDER BY id, ord DESC " +
            $"ON CONFLICT (id) DO UPDATE SET {updates}");
        await move.ExecuteNonQueryAsync(ct);
    }

    protected PostgresDatabase Database => database;
}

public sealed class PostgresCustomerStore(PostgresDatabase database)
    : PostgresRecords<Customer>(database, "customers", PostgresRows.CustomerColumns, PostgresRows.Write), ICustomerStore
{
    // Customers are never deleted, so an id once seen stays valid: checking orders against this set instead of the
    // database keeps ingest of millions of orders fast. Bounded; cleared when full.
    const int MaxKnownIds = 1_000_000;
    readonly ConcurrentDictionary<string, byte> _knownIds = new(StringComparer.Ordinal);

    public Customer? Find(string id) => Database.Read(c =>
        c.Command($"SELECT {PostgresRows.CustomerColumns} FROM customers WHERE id = $1", id).List(r => PostgresRows.ToCustomer(r)).FirstOrDefault());

    public IReadOnlySet<string> FindMissing(IReadOnlyCollection<string> ids)
    {
        var unknown = ids.Where(id => !_knownIds.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0) return new HashSet<string>();
        var found = Database.Read(c => c.Command("SELECT id FROM customers WHERE id = ANY($1)", unknown).List(r => r.GetString(0)));
        foreach (var id in found) Remember(id);
        return unknown.Except(found, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
    }

    public long Count() => Database.Read(c => c.Command("SELECT count(*) FROM customers").List(r => r.GetInt64(0))[0]);

    protected override void Stored(IReadOnlyList<Customer> customers)
    {
        foreach (var customer in customers) Remember(customer.Id);
    }

    void Remember(string id)
    {
        if (_knownIds.Count >= MaxKnownIds) _knownIds.Clear();
        _knownIds.TryAdd(id, 0);
    }
}

public sealed class PostgresOrderStore(PostgresDatabase database)
    : PostgresRecords<Order>(database, "orders", PostgresRows.OrderColumns, PostgresRows.Write), IOrderStore
{
    public IReadOnlyList<Order> ForCustomer(string customerId) => Database.Read(c =>
        c.Command($"SELECT {PostgresRows.OrderColumns} FROM orders WHERE customer_id = $1 ORDER BY at, id", customerId).List(PostgresRows.ToOrder));
}

public sealed class PostgresEventStore(PostgresDatabase database)
    : PostgresRecords<InteractionEvent>(database, "events", PostgresRows.EventColumns, PostgresRows.Write), IEventStore
{
    public IReadOnlyList<InteractionEvent> ForCustomer(string customerId) => Database.Read(c =>
        c.Command($"SELECT {PostgresRows.EventColumns} FROM events WHERE customer_id = $1 ORDER BY at, id", customerId).List(PostgresRows.ToEvent));
}
