using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RuleEngine.Ingest.Mapping;

/// <summary>Turns one JSON row into a record, reporting each bad field as (field, message).</summary>
internal interface IRowMapper<T>
{
    /// <summary>The record, or null when the row has errors.</summary>
    T? Map(JsonElement row, Action<string, string> error);

    /// <summary>
    /// The record read straight from the row's UTF-8 JSON, when the row is valid and plainly shaped; false sends the row
    /// the general way (<see cref="Map"/>, which also names its problems). Never accepts what <see cref="Map"/> refuses.
    /// </summary>
    bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out T? item)
    {
        item = default;
        return false;
    }

    string IdOf(T item);

    /// <summary>The customer the record refers to and that must exist; null for customers themselves.</summary>
    string? CustomerIdOf(T item);
}
