using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RuleEngine.Domain;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// An event read in one pass over its UTF-8 JSON, as <see cref="OrderJson"/> reads an order: the plain shape only, and
/// any row it would not read exactly as <see cref="EventRowMapper.Map"/> does is left to that way (a test compares them).
/// </summary>
internal static class EventJson
{
    // The fields' indexes in Names.
    const int Id = 0, CustomerId = 1, Type = 2, At = 3, Properties = 4;
    static readonly byte[][] Names = ["id"u8.ToArray(), "customerId"u8.ToArray(), "type"u8.ToArray(), "at"u8.ToArray(), "properties"u8.ToArray()];

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out InteractionEvent? read)
    {
        read = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            string? id = null, customerId = null, type = null;
            DateTime? at = null;
            Dictionary<string, string>? properties = null;
            var fields = new JsonFields(Names);
            while (fields.Next(ref reader, out var field))
            {
                var isNull = reader.TokenType == JsonTokenType.Null;
                switch (field)
                {
                    case Id: if (!isNull && !Utf8Fields.Id(ref reader, out id)) return false; break;
                    case CustomerId: if (!isNull && !Utf8Fields.Id(ref reader, out customerId)) return false; break;
                    case Type: if (!isNull && !Utf8Fields.Text(ref reader, out type, repeats: true)) return false; break;
                    case At: if (isNull || !Utf8Fields.Time(ref reader, out var time)) return false; at = time; break;
                    case Properties: if (!isNull && !ReadProperties(ref reader, out properties)) return false; break;
                }
            }
            if (fields.Stopped || !JsonFields.AtEnd(ref reader)) return false; // anything after the object: malformed
            if (id is null || customerId is null || type is null || at is null) return false;
            properties ??= [];
            if (type == EventTypes.Visit && properties.TryGetValue("prescriptionDays", out var days) && !(int.TryParse(days, out var d) && d > 0))
                return false;
            read = new InteractionEvent { Id = id, CustomerId = customerId, Type = type, At = at.Value, Properties = properties };
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false; // malformed, or text that is not valid Unicode: the general way says so
        }
    }

    /// <summary>An object of scalars, as <see cref="RowFields.TextMap"/> keeps it (a null is left out; the last of a name twice counts).</summary>
    static bool ReadProperties(ref Utf8JsonReader reader, out Dictionary<string, string>? properties)
    {
        properties = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        properties = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Utf8Fields.Name(ref reader);
            if (!reader.Read() || !Utf8Fields.Scalar(ref reader, out var value)) return false;
            if (value is not null) properties[name] = value;
        }
        return true;
    }
}
