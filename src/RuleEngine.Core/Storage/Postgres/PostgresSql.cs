using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace RuleEngine.Storage.Postgres;

/// <summary>A JSON value for a jsonb parameter (a plain string would be sent as text).</summary>
internal readonly record struct Jsonb(string Text);

/// <summary>Commands with positional parameters ($1, $2…), and the JSON the record bodies are kept in.</summary>
internal static class PostgresSql
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Jsonb Body<T>(T record) => new(JsonSerializer.Serialize(record, Json));

    public static T FromBody<T>(NpgsqlDataReader reader, int ordinal) => JsonSerializer.Deserialize<T>(reader.GetString(ordinal), Json)!;

    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] values)
    {
        // A string[] passed alone arrives as the params array itself (array covariance), not as one array value: wrap it.
        if (values.GetType() != typeof(object[])) values = [values];
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(Parameter(value));
        return command;
    }

    public static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value },
        Jsonb json => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json.Text },
        DateTime at => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = Utc(at) },
        _ => new NpgsqlParameter { Value = value },
    };

    /// <summary>
    /// timestamptz takes UTC only: a time without a kind is taken as UTC (what the API and the ingest give), a local one
    /// converted. Read back, times are UTC.
    /// </summary>
    public static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Utc => at,
        DateTimeKind.Local => at.ToUniversalTime(),
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
    };

    public static List<T> List<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map)
    {
        using (command)
        using (var reader = command.ExecuteReader())
        {
            var items = new List<T>();
            while (reader.Read()) items.Add(map(reader));
            return items;
        }
    }

    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var items = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) items.Add(map(reader));
            return items;
        }
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTime? NullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTime>(ordinal);
}
