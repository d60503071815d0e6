using System.Globalization;
using System.Text;
using System.Text.Json;
using RuleEngine.Server.Audit;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>
/// Every match of a customer search, streamed a page at a time (memory holds one page, whatever the count), in the
/// audit export's formats: CSV with segments and scores as "kind=value; ..." cells, or one JSON row per line.
/// </summary>
internal static class CustomerExport
{
    const int PageSize = 500;
    static readonly string[] CsvColumns = ["id", "name", "phone", "email", "pointsBalance", "segments", "scores"];

    public static string? FormatAccepted(HttpRequest request) => AuditExport.FormatAccepted(request);

    public static IResult Write(string format, ICustomerSearch search, CustomerSearchQuery query, CustomerRows rows, JsonSerializerOptions json) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            if (format == AuditExport.Csv) await writer.WriteLineAsync(string.Join(',', CsvColumns));
            string? cursor = null;
            do
            {
                var page = search.Search(query, new PageRequest(PageSize, cursor));
                foreach (var row in page.Items.Select(rows.Of))
                    await writer.WriteLineAsync(format == AuditExport.Csv ? CsvLine(row) : JsonSerializer.Serialize(row, json));
                await writer.FlushAsync();
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }, format, $"customers.{(format == AuditExport.Csv ? "csv" : "ndjson")}");

    /// <summary>RFC 4180, every field quoted; a leading =, +, - or @ gets a ' so that a spreadsheet shows it rather than runs it.</summary>
    static string CsvLine(CustomerRow r) => string.Join(',', new[]
    {
        r.Id, r.Name, r.Phone, r.Email, r.PointsBalance.ToString(CultureInfo.InvariantCulture),
        string.Join("; ", r.Segments.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")),
        string.Join("; ", r.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value.ToString(CultureInfo.InvariantCulture)}")),
    }.Select(Field));

    static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
