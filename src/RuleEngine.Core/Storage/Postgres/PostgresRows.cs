using System.Buffers;
using System.Text.Json;
using Npgsql;
using RuleEngine.Domain;

namespace RuleEngine.Storage.Postgres;

/// <summary>Customers, orders and events as table rows: their columns in COPY order, and back.</summary>
internal static class PostgresRows
{
    public const string CustomerColumns = "id, name, email, phone, gender, birthday, region, joined_at, channel, tags, attributes, consent, name_key, email_key, phone_key";
    public const string OrderColumns = "id, customer_id, amount, currency, at, channel, status, refunded_at, items";
    public const string EventColumns = "id, customer_id, type, at, properties";

    public static void Write(BinaryCopyWriter row, Customer c)
    {
        row.StartRow(15);
        row.Text(c.Id);
        row.Text(c.Name);
        row.Text(c.Email);
        row.Text(c.Phone);
        row.Text(c.Gender);
        row.Date(c.Birthday);
        row.Text(c.Region);
        row.TimestampTz(Utc(c.JoinedAt));
        row.Text(c.Channel);
        row.TextArray(c.Tags);
        row.Jsonb(JsonSerializer.SerializeToUtf8Bytes(c.Attributes));
        row.Jsonb(JsonSerializer.SerializeToUtf8Bytes(c.Consent));
        row.Text(CustomerSearchKeys.NameKey(c.Name, c.Id));
        row.Text(CustomerSearchKeys.EmailKey(c.Email, c.Id));
        row.Text(CustomerSearchKeys.PhoneKey(c.Phone, c.Id));
    }

    public static Customer ToCustomer(NpgsqlDataReader r, int at = 0) => new()
    {
        Id = r.GetString(at), Name = r.NullableString(at + 1), Email = r.NullableString(at + 2), Phone = r.NullableString(at + 3),
        Gender = r.NullableString(at + 4), Birthday = r.IsDBNull(at + 5) ? null : r.GetFieldValue<DateOnly>(at + 5), Region = r.NullableString(at + 6),
        JoinedAt = r.NullableTime(at + 7), Channel = r.NullableString(at + 8), Tags = r.GetFieldValue<string[]>(at + 9),
        Attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(at + 10))!,
        Consent = JsonSerializer.Deserialize<Dictionary<string, bool>>(r.GetString(at + 11))!,
    };

    public static void Write(BinaryCopyWriter row, Order o)
    {
        row.StartRow(9);
        row.Text(o.Id);
        row.Text(o.CustomerId);
        row.Numeric(o.Amount);
        row.Text(o.Currency);
        row.TimestampTz(PostgresSql.Utc(o.At));
        row.Text(o.Channel);
        row.Text(o.Status.ToString());
        row.TimestampTz(Utc(o.RefundedAt));
        row.Jsonb(ItemsJson(o.Items));
    }

    [ThreadStatic] static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_itemsJson;

    /// <summary>
    /// An order's items as the JSON <see cref="PostgresSql.Json"/> gives them (a test holds the two equal), written by hand
    /// into a buffer kept per thread: through the serializer they were a tenth of the server's work per ingested order.
    /// </summary>
    internal static ReadOnlySpan<byte> ItemsJson(IReadOnlyList<OrderItem> items)
    {
        var (buffer, json) = t_itemsJson ??= (new ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null));
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartArray();
        foreach (var item in items)
        {
            json.WriteStartObject();
            json.WriteString("sku"u8, item.Sku);
            json.WriteString("name"u8, item.Name);
            json.WriteNumber("quantity"u8, item.Quantity);
            json.WriteNumber("price"u8, item.Price);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        return buffer.WrittenSpan; // copied by the caller before this thread writes another order's items
    }

    public static Order ToOrder(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0), CustomerId = r.GetString(1), Amount = r.GetDecimal(2), Currency = r.NullableString(3) ?? "CNY",
        At = r.GetFieldValue<DateTime>(4), Channel = r.NullableString(5), Status = Enum.Parse<OrderStatus>(r.GetString(6)),
        RefundedAt = r.NullableTime(7), Items = JsonSerializer.Deserialize<List<OrderItem>>(r.GetString(8), PostgresSql.Json)!,
    };

    public static void Write(BinaryCopyWriter row, InteractionEvent e)
    {
        row.StartRow(5);
        row.Text(e.Id);
        row.Text(e.CustomerId);
        row.Text(e.Type);
        row.TimestampTz(PostgresSql.Utc(e.At));
        row.Jsonb(JsonSerializer.SerializeToUtf8Bytes(e.Properties));
    }

    public static InteractionEvent ToEvent(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0), CustomerId = r.GetString(1), Type = r.GetString(2), At = r.GetFieldValue<DateTime>(3),
        Properties = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(4))!,
    };

    static DateTime? Utc(DateTime? at) => at is { } time ? PostgresSql.Utc(time) : null;
}
