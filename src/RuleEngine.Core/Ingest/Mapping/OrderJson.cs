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
    // The fields' indexes in Names.
    const int Id = 0, CustomerId = 1, Amount = 2, At = 3, RefundedAt = 4, Currency = 5, Channel = 6, Status = 7, Items = 8;
    static readonly byte[][] Names =
        ["id"u8.ToArray(), "customerId"u8.ToArray(), "amount"u8.ToArray(), "at"u8.ToArray(), "refundedAt"u8.ToArray(),
         "currency"u8.ToArray(), "channel"u8.ToArray(), "status"u8.ToArray(), "items"u8.ToArray()];
    const int Sku = 0, Name = 1, Quantity = 2, Price = 3;
    static readonly byte[][] ItemNames = ["sku"u8.ToArray(), "name"u8.ToArray(), "quantity"u8.ToArray(), "price"u8.ToArray()];

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
            var fields = new JsonFields(Names);
            while (fields.Next(ref reader, out var field))
            {
                var isNull = reader.TokenType == JsonTokenType.Null;
                switch (field)
                {
                    case Id: if (!isNull && !Utf8Fields.Id(ref reader, out id)) return false; break;
                    case CustomerId: if (!isNull && !Utf8Fields.Id(ref reader, out customerId)) return false; break;
                    case Amount:
                        if (isNull || reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value) || value < 0) return false;
                        amount = value;
                        break;
                    case At: if (isNull || !Utf8Fields.Time(ref reader, out var time)) return false; at = time; break;
                    case RefundedAt:
                        if (!isNull)
                        {
                            if (!Utf8Fields.Time(ref reader, out var refunded)) return false;
                            refundedAt = refunded;
                        }
                        break;
                    case Currency: if (!isNull && !Utf8Fields.Text(ref reader, out currency, repeats: true)) return false; break;
                    case Channel: if (!isNull && !Utf8Fields.Text(ref reader, out channel, repeats: true)) return false; break;
                    case Status:
                        if (isNull) break;
                        if (!Utf8Fields.Text(ref reader, out var text)) return false;
                        switch (text)
                        {
                            case null or "paid": status = OrderStatus.Paid; break;
                            case "refunded": status = OrderStatus.Refunded; break;
                            default: return false;
                        }
                        break;
                    case Items: if (!isNull && !ReadItems(ref reader, out items)) return false; break;
                }
            }
            if (fields.Stopped || !JsonFields.AtEnd(ref reader)) return false; // anything after the object: malformed
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

    static bool ReadItems(ref Utf8JsonReader reader, out List<OrderItem>? items)
    {
        items = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        items = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!ReadItem(ref reader, out var item)) return false;
            items.Add(item);
        }
        return true;
    }

    static bool ReadItem(ref Utf8JsonReader reader, [NotNullWhen(true)] out OrderItem? item)
    {
        item = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        string? sku = null, name = null;
        int? quantity = null;
        decimal? price = null;
        var fields = new JsonFields(ItemNames);
        while (fields.Next(ref reader, out var field))
        {
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (field)
            {
                case Sku: if (isNull || !Utf8Fields.Text(ref reader, out sku, repeats: true)) return false; break;
                case Name: if (!isNull && !Utf8Fields.Text(ref reader, out name, repeats: true)) return false; break;
                case Quantity:
                    if (isNull || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var count) || count <= 0) return false;
                    quantity = count;
                    break;
                case Price:
                    if (isNull || reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value)) return false;
                    price = value;
                    break;
            }
        }
        if (fields.Stopped || sku is null || quantity is null || price is null) return false;
        item = new OrderItem(sku, name, quantity.Value, price.Value);
        return true;
    }
}
