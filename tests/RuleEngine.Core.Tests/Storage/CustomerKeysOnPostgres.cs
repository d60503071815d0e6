using Npgsql;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Postgres;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// Rows of a page of customers (Storage/Postgres/CustomerKeys): found by the customer index even on a table analyzed
/// while empty, and bounded in the database's own order, whatever characters the ids hold.
/// </summary>
[Trait("Backend", "postgres")]
public sealed class CustomerKeysOnPostgres : IAsyncLifetime
{
    readonly TempPostgres _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_page_of_customers_is_looked_up_by_index_on_a_table_that_was_analyzed_empty()
    {
        // A fresh database's first run: the table was analyzed empty, then filled by the run itself (bodies of a stay's size).
        await ExecuteAsync("VACUUM ANALYZE segments");
        await ExecuteAsync("""
            INSERT INTO segments (id, customer_id, kind, value, is_open, body)
            SELECT 's' || i, 'c' || lpad(i::text, 7, '0'), 'grade', 'A', true, jsonb_build_object('explanation', repeat('x', 300))
            FROM generate_series(1, 100000) i
            """);
        var page = Enumerable.Range(60_001, 500).Select(i => $"c{i:D7}").ToArray();
        var (filter, values) = CustomerKeys.Filter(page);

        var plan = await ExplainAsync($"SELECT body FROM segments WHERE {filter} AND is_open", values);

        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("segments_customer", plan);
    }

    [Fact]
    public async Task Ids_beyond_the_basic_plane_are_bounded_in_the_database_order_not_in_UTF_16_order()
    {
        // UTF-16 puts U+1F600 (a surrogate pair, D83D…) before U+E000; the id columns' "C" collation (UTF-8 bytes) after.
        string[] ids = ["c-\U0001F600", "c-\uE000", "c-plain"];
        foreach (var id in ids) await StayAsync(id);

        var found = _db.Segments.HistoryFor(ids);

        Assert.Equal(ids.Order(StringComparer.Ordinal), found.Select(s => s.CustomerId).Order(StringComparer.Ordinal));
    }

    async Task StayAsync(string customerId)
    {
        var stay = new SegmentMembership
        {
            Id = $"stay-{customerId}", CustomerId = customerId, Kind = "grade", Value = "A", EnteredAt = DateTime.UtcNow,
            EnteredBy = new OutcomeSource { Rule = "r", RuleVersionHash = "h", RunId = "run", At = DateTime.UtcNow },
        };
        await ExecuteAsync("INSERT INTO segments (id, customer_id, kind, value, is_open, body) VALUES ($1, $2, 'grade', 'A', true, $3)",
            stay.Id, customerId, PostgresSql.Body(stay));
    }

    async Task<string> ExplainAsync(string sql, object?[] values)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        return string.Join("\n", connection.Command($"EXPLAIN {sql}", values).List(r => r.GetString(0)));
    }

    async Task ExecuteAsync(string sql, params object?[] values)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.Command(sql, values);
        await command.ExecuteNonQueryAsync();
    }
}
