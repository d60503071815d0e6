using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using RuleEngine.Audit;

namespace RuleEngine.Server.Audit;

/// <summary>
/// Every entry matching a filter as CSV or NDJSON, written as it is read (a page of entries in memory at a time),
/// so an export of millions of entries streams instead of building up in memory.
/// </summary>
internal static class AuditExport
{
    public const string Csv = "text/csv";
    public const string Ndjson = "application/x-ndjson";
    const int FlushEvery = 500;

    static readonly string[] CsvColumns = ["sequence", "at", "type", "actor", "rule", "subject", "summary", "details", "previousHash", "hash"];

    /// <summary>The export format the caller accepts, or null for the JSON page.</summary>
    public static string? FormatAccepted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Select(a => a.MediaType.Value?.ToLowerInvariant()).FirstOrDefault(m => m is Csv or Ndjson or "application/ndjson") switch
        {
            Csv => Csv,
            null => null,
            _ => Ndjson,
        };

    public static IResult Write(IEnumerable<AuditEntry> entries, string format, JsonSerializerOptions json) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            if (format == Csv) await writer.WriteLineAsync(string.Join(',', CsvColumns));
            var count = 0;
            foreach (var entry in entries)
            {
                await writer.WriteLineAsync(format == Csv ? CsvLine(entry) : JsonSerializer.Serialize(AuditEntryView.From(entry), json));
                if (++count % FlushEvery == 0) await writer.FlushAsync();
            }
        }, format, $"audit.{(format == Csv ? "csv" : "ndjson")}");

    /// <summary>RFC 4180: every field quoted, quotes doubled; <c>details</c> is the JSON text exactly as hashed.</summary>
    static string CsvLine(AuditEntry e) => string.Join(',', new[]
    {
        e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        e.Type, e.Actor, e.Rule, e.Subject, e.Summary, e.Details, e.PreviousHash, e.Hash,
    }.Select(field => field is null ? "" : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
}
