using System.Text.Json;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// Fields read straight from a <see cref="Utf8JsonReader"/> standing on their value, exactly as <see cref="RowFields"/>
/// reads them from a document; false where that way could answer differently (a number sent as text, an escaped time):
/// the one-pass readers (<see cref="OrderJson"/>, <see cref="EventJson"/>) then leave the row to it.
/// </summary>
internal static class Utf8Fields
{
    /// <summary>
    /// A string field as <see cref="RowFields.Text"/> reads it: trimmed, and null when that leaves nothing. A text that
    /// repeats across rows (<paramref name="repeats"/>: a currency, a channel, a SKU) is shared, not made again per row.
    /// </summary>
    public static bool Text(ref Utf8JsonReader reader, out string? text, bool repeats = false)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String) return false; // numbers as text: the general path
        var value = (repeats && !reader.ValueIsEscaped ? RepeatedStrings.Get(reader.ValueSpan) : reader.GetString()!).Trim();
        text = value.Length == 0 ? null : value;
        return true;
    }

    public static bool Id(ref Utf8JsonReader reader, out string? id) =>
        Text(ref reader, out id) && id is { Length: > 0 and <= RowFields.MaxIdLength };

    public static bool Time(ref Utf8JsonReader reader, out DateTime time)
    {
        time = default;
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && UtcTimes.TryReadUnquoted(reader.ValueSpan, out time);
    }

    /// <summary>
    /// A scalar of a map field as <see cref="RowFields.TextMap"/> keeps it: a string as it is (not trimmed), a number or
    /// boolean as its JSON text; false for an object or array (an error there).
    /// </summary>
    public static bool Scalar(ref Utf8JsonReader reader, out string? text)
    {
        text = reader.TokenType switch
        {
            JsonTokenType.String => reader.ValueIsEscaped ? reader.GetString() : RepeatedStrings.Get(reader.ValueSpan),
            JsonTokenType.Number => RepeatedStrings.Get(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
        return text is not null || reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>A property name, unescaped (a lone surrogate throws, as the document's name does).</summary>
    public static string Name(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? reader.GetString()! : RepeatedStrings.Get(reader.ValueSpan);
}
