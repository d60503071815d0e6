using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RuleEngine.Domain;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// An order read in one pass over its UTF-8 JSON, without building a document: what nearly every row of a bulk load
/// is (measured, parsing each row into a <see cref="JsonDocument"/> and looking its fields up was most of the server's
/// own work per ingested order). Only the plain shape is read here: a field that is missing, misspelt in type, escaped,
/// given twice or out of range makes it decline, and the row goes the general way (<see cref="OrderRowMapper.Map"/>),
/// which accepts it or names every problem. So this path never accepts what that one refuses, and gives the same order
/// when both accept (a test compares them row by row).
/// </summary>
internal static class OrderJson
{
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out Order? order)
    {
        order = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            string? id = null, customerId = null, currency = null, channel = null;
            decimal? amount = null;
            DateTime? at = null, refundedAt = null;
            var status = OrderStatus.Paid;
            List<OrderItem>? items = null;
            var seen = Field.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped) return false;
                var field = Name(reader.ValueSpan);
                if ((seen & field & ~Field.Other) != 0) return false; // given twice: the general path decides which one counts
                seen |= field;
                if (!reader.Read()) return false;
                var isNull = reader.TokenType == JsonTokenType.Null;
                switch (field)
                {
                    case Field.Id: if (!isNull && !Id(ref reader, out id)) return false; break;
                    case Field.CustomerId: if (!isNull && !Id(ref reader, out customerId)) return false; break;
                    case Field.Amount:
                        if (isNull || reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value) || value < 0) return false;
                        amount = value;
                        break;
                    case Field.At: if (isNull || !Time(ref reader, out var time)) return false; at = time; break;
                    case Field.RefundedAt:
                        if (!isNull)
                        {
                            if (!Time(ref reader, out var refunded)) return false;
                            refundedAt = refunded;
                        }
                        break;
                    case Field.Currency: if (!isNull && !Text(ref reader, out currency, repeats: true)) return false; break;
                    case Field.Channel: if (!isNull && !Text(ref reader, out channel, repeats: true)) return false; break;
                    case Field.Status:
                        if (isNull) break;
                        if (!Text(ref reader, out var text)) return false;
                        switch (text)
                        {
                            case null or "paid": status = OrderStatus.Paid; break;
                            case "refunded": status = OrderStatus.Refunded; break;
                            default: return false;
                        }
                        break;
                    case Field.Items: if (!isNull && !Items(ref reader, out items)) return false; break;
                    default: reader.Skip(); break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false; // anything after the object: malformed
            if (id is null || customerId is null || amount is null || at is null) return false;
            order = new Order
            {
                Id = id, CustomerId = customerId, Amount = amount.Value, Currency = currency ?? "CNY", At = at.Value, Channel = channel,
                Status = status, RefundedAt = refundedAt, Items = items ?? [],
            };
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string the reader cannot turn into text (an escaped lone surrogate): the general way says so.
            return false;
        }
    }

    [Flags]
    enum Field
    {
        None = 0, Other = 1, Id = 2, CustomerId = 4, Amount = 8, At = 16, RefundedAt = 32, Currency = 64, Channel = 128, Status = 256, Items = 512,
    }

    static Field Name(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("id"u8) => Field.Id,
        _ when name.SequenceEqual("customerId"u8) => Field.CustomerId,
        _ when name.SequenceEqual("amount"u8) => Field.Amount,
        _ when name.SequenceEqual("at"u8) => Field.At,
        _ when name.SequenceEqual("refundedAt"u8) => Field.RefundedAt,
        _ when name.SequenceEqual("currency"u8) => Field.Currency,
        _ when name.SequenceEqual("channel"u8) => Field.Channel,
        _ when name.SequenceEqual("status"u8) => Field.Status,
        _ when name.SequenceEqual("items"u8) => Field.Items,
        _ => Field.Other, // an unknown field, ignored as the general path ignores it (and may come any number of times)
    };

    /// <summary>
    /// A string field as <see cref="RowFields.Text"/> reads it: trimmed, and null when that leaves nothing. A text that
    /// repeats across rows (<paramref name="repeats"/>: a currency, a channel, a SKU) is shared, not made again per row.
    /// </summary>
    static bool Text(ref Utf8JsonReader reader, out string? text, bool repeats = false)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String) return false; // numbers as text: the general path
        var value = repeats && !reader.ValueIsEscaped && !reader.HasValueSequence ? RepeatedStrings.Get(reader.ValueSpan) : reader.GetString()!.Trim();
        text = value.Length == 0 ? null : value;
        return true;
    }

    static bool Id(ref Utf8JsonReader reader, out string? id) =>
        Text(ref reader, out id) && id is { Length: > 0 and <= RowFields.MaxIdLength };

    static bool Time(ref Utf8JsonReader reader, out DateTime time)
    {
        time = default;
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && UtcTimes.TryReadUnquoted(reader.ValueSpan, out time);
    }

    static bool Items(ref Utf8JsonReader reader, out List<OrderItem>? items)
    {
        items = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        items = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!Item(ref reader, out var item)) return false;
            items.Add(item);
        }
        return true;
    }

    static bool Item(ref Utf8JsonReader reader, [NotNullWhen(true)] out OrderItem? item)
    {
        item = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        string? sku = null, name = null;
        int? quantity = null;
        decimal? price = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return false;
            var field = reader.ValueSpan switch
            {
                var n when n.SequenceEqual("sku"u8) => 1,
                var n when n.SequenceEqual("name"u8) => 2,
                var n when n.SequenceEqual("quantity"u8) => 4,
                var n when n.SequenceEqual("price"u8) => 8,
                _ => 0,
            };
            if ((seen & field) != 0) return false; // 0 (an unknown field) never matches
            seen |= field;
            if (!reader.Read()) return false;
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (field)
            {
                case 1: if (isNull || !Text(ref reader, out sku, repeats: true)) return false; break;
                case 2: if (!isNull && !Text(ref reader, out name, repeats: true)) return false; break;
                case 4:
                    if (isNull || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var count) || count <= 0) return false;
                    quantity = count;
                    break;
                case 8:
                    if (isNull || reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value)) return false;
                    price = value;
                    break;
                default: reader.Skip(); break;
            }
        }
        if (sku is null || quantity is null || price is null) return false;
        item = new OrderItem(sku, name, quantity.Value, price.Value);
        return true;
    }
}
