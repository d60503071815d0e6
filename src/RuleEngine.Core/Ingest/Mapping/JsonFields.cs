using System.Text.Json;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// The fields of one JSON object, walked in one pass for the one-pass readers (<see cref="OrderJson"/>,
/// <see cref="EventJson"/>): each known field at most once, unknown ones skipped. The walk stops early (<see cref="Stopped"/>)
/// at a name written with escapes or a known field given twice: which of two values counts, and what an escaped name
/// means, the general way decides.
/// </summary>
internal struct JsonFields
{
    readonly byte[][] _names;
    int _seen;

    /// <param name="names">The known fields' names (at most 32); <see cref="Next"/> gives a field as its index here.</param>
    public JsonFields(byte[][] names) => _names = names;

    /// <summary>True when the walk stopped before the object's end (then the row is left to the general way).</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// Moves <paramref name="reader"/> (standing on the object's start, or on the value of the field before) to the
    /// next known field's value; false at the object's end or when the walk stopped.
    /// </summary>
    public bool Next(ref Utf8JsonReader reader, out int field)
    {
        field = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            field = reader.ValueIsEscaped ? -2 : Known(reader.ValueSpan); // -1: unknown
            if (field == -2 || (field >= 0 && (_seen & (1 << field)) != 0) || !reader.Read())
            {
                Stopped = true;
                return false;
            }
            if (field >= 0)
            {
                _seen |= 1 << field;
                return true;
            }
            reader.Skip(); // an unknown field, ignored as the general way ignores it
        }
        return false;
    }

    readonly int Known(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _names.Length; i++)
            if (name.SequenceEqual(_names[i])) return i;
        return -1;
    }

    /// <summary>True when the reader stands on the end of a top-level object with nothing but white space after it.</summary>
    public static bool AtEnd(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.EndObject && !reader.Read();
}
