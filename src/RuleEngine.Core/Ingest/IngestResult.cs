using System.Text.Json.Serialization;

namespace RuleEngine.Ingest;

/// <summary>What is wrong with one input row: <see cref="Row"/> counts as the user does (see docs/storage.md).</summary>
public sealed record RowError(long Row, string? Field, string Message);

/// <summary>
/// The answer to an ingest request: rows written, rows rejected (all of them counted, the first
/// <see cref="IngestOptions.MaxReportedErrors"/> errors listed). An all-or-nothing request with a bad row has
/// <see cref="Accepted"/> 0.
/// </summary>
public sealed record IngestResult(long Accepted, long Rejected, IReadOnlyList<RowError> Errors)
{
    /// <summary>The body could not be read to its end (a JSON array broken mid-way, a bad CSV header).</summary>
    [JsonIgnore]
    public bool Unreadable { get; init; }
}

/// <summary>Input formats of the ingest endpoints.</summary>
public enum IngestFormat { JsonArray, Ndjson, Csv }

/// <summary>
/// The request broke a limit (body size, row count). In a <c>partial</c> request, <see cref="Accepted"/> rows
/// were written before the limit was reached; in an all-or-nothing request nothing was.
/// </summary>
public sealed class IngestLimitExceededException(string message) : Exception(message)
{
    public long Accepted { get; init; }
}
