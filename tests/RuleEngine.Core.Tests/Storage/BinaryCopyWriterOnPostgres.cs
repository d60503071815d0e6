using System.Text;
using Npgsql;
using NpgsqlTypes;
using RuleEngine.Storage.Postgres;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// Rows the server encodes itself in PostgreSQL's binary COPY format (Storage/Postgres/BinaryCopyWriter) are stored
/// exactly as Npgsql's own typed parameters store the same values: numeric scale, times around the 2000 epoch and at
/// the ends of the range, dates, Unicode, empty and long text, arrays and jsonb.
/// </summary>
[Trait("Backend", "postgres")]
public sealed class BinaryCopyWriterOnPostgres : IAsyncLifetime
{
    const string Columns = "k, n, ts, d, tx, arr, j";
    readonly TempPostgres _db = new();

    static readonly decimal[] Numbers =
    [
        0m, 0.00m, 129.00m, -129.5m, 0.10m, 0.0001m, 0.00001m, 12345.6789m, 10000m, 100000000m, 10000000000m, -0.01m, 1.5m,
        99999999.9999m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 1234567890123456.789012345678m,
    ];

    static readonly DateTime?[] Times =
    [
        new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_995), new DateTime(1900, 3, 1, 12, 0, 0, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), null,
    ];

    static readonly DateOnly?[] Dates = [new(2000, 1, 1), new(1990, 2, 28), new(2100, 12, 31), DateOnly.MinValue, DateOnly.MaxValue, new(1, 1, 2), null];
    static readonly string?[] Texts = ["", "汉字 😀 Ünïcode", null, new string('x', 200_000), "tab\tand\nbreaks"];
    static readonly string[][] Arrays = [[], ["a"], ["vip", "新客", ""]];
    static readonly string[] Json = ["{\"a\":1}", "[]", "{\"name\":\"汉字\",\"price\":129.00,\"nested\":{\"x\":[1,2,null]}}"];

    public async Task InitializeAsync()
    {
        await using var connection = await Open();
        await using var create = connection.Command("""
            CREATE TABLE copied (k text, n numeric, ts timestamptz, d date, tx text, arr text[], j jsonb);
            CREATE TABLE bound (LIKE copied)
            """);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_value_is_stored_as_npgsql_stores_it()
    {
        var rows = Enumerable.Range(0, Numbers.Length * 3).Select(i => (
            Key: $"r{i:D3}", Number: i % 5 == 4 ? (decimal?)null : Numbers[i % Numbers.Length], Time: Times[i % Times.Length],
            Date: Dates[i % Dates.Length], Text: Texts[i % Texts.Length], Array: Arrays[i % Arrays.Length], Json: Json[i % Json.Length])).ToList();
        await using var connection = await Open();

        var copy = await BinaryCopyWriter.BeginAsync(connection, $"copied ({Columns})", default);
        foreach (var row in rows)
        {
            copy.StartRow(7);
            copy.Text(row.Key);
            if (row.Number is { } number) copy.Numeric(number); else copy.Null();
            copy.TimestampTz(row.Time);
            copy.Date(row.Date);
            copy.Text(row.Text);
            copy.TextArray(row.Array);
            copy.Jsonb(Encoding.UTF8.GetBytes(row.Json));
            await copy.FlushIfFullAsync(default);
        }
        await copy.CompleteAsync(default);

        foreach (var row in rows)
        {
            await using var insert = new NpgsqlCommand($"INSERT INTO bound ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)", connection)
            {
                Parameters =
                {
                    new() { Value = row.Key }, new() { Value = (object?)row.Number ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric },
                    new() { Value = (object?)row.Time ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new() { Value = (object?)row.Date ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
                    new() { Value = (object?)row.Text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    new() { Value = row.Array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { Value = row.Json, NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            };
            await insert.ExecuteNonQueryAsync();
        }

        var asText = $"SELECT k, n::text, ts::text, d::text, tx, arr::text, j::text, cardinality(arr) FROM {{0}} ORDER BY k";
        var copied = connection.Command(string.Format(asText, "copied")).List(Values);
        var bound = connection.Command(string.Format(asText, "bound")).List(Values);
        Assert.Equal(rows.Count, copied.Count);
        Assert.Equal(bound, copied);
        Assert.Contains(copied, r => r.Contains("129.00"));
    }

    [Fact]
    public async Task A_copy_abandoned_midway_keeps_nothing_and_leaves_the_connection_usable()
    {
        await using var connection = await Open();
        var copy = await BinaryCopyWriter.BeginAsync(connection, "copied (k)", default);
        copy.StartRow(1);
        copy.Text("half");

        await copy.CancelAsync();

        Assert.Equal([0L], connection.Command("SELECT count(*) FROM copied").List(r => r.GetInt64(0)));
    }

    static string Values(NpgsqlDataReader reader) =>
        string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString()));

    async Task<NpgsqlConnection> Open()
    {
        var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
