using System.Text.Json;

namespace RuleEngine.Ingest.Mapping;

/// <summary>Turns one JSON row into a record, reporting each bad field as (field, message).</summary>
internal interface IRowMapper<T>
{
    /// <summary>The record, or null when the row has errors.</summary>
    T? Map(JsonElement row, Action<string, string> error);

    string IdOf(T item);

    /// <summary>The customer the record refers to and that must exist; null for customers themselves.</summary>
    string? CustomerIdOf(T item);
}
