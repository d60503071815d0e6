using System.Globalization;
using System.Text;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Server.Runs;

/// <summary>
/// Every outcome row of a run as CSV, written as it is read (one page in memory at a time): a preview's whole
/// per-customer delta, or a run's changes, for a spreadsheet.
/// </summary>
internal static class RunOutcomesExport
{
    public const string Csv = "text/csv";
    const int PageSize = 1000;

    static readonly string[] Columns = ["sequence", "customerId", "type", "target", "from", "to", "because", "live", "draft", "liveBecause", "draftBecause"];

    public static bool IsAccepted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => string.Equals(a.MediaType.Value, Csv, StringComparison.OrdinalIgnoreCase));

    public static IResult Write(IRunStore runs, string runId) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            await writer.WriteLineAsync(string.Join(',', Columns));
            var page = new PageRequest(PageSize);
            while (true)
            {
                var rows = runs.Outcomes(runId, page);
                foreach (var row in rows.Items) await writer.WriteLineAsync(Line(row));
                await writer.FlushAsync();
                if (rows.NextCursor is null) return;
                page = page with { Cursor = rows.NextCursor };
            }
        }, Csv, $"{runId}-outcomes.csv");

    /// <summary>RFC 4180: every field quoted, quotes doubled (explanations hold commas).</summary>
    static string Line(RunOutcomeRecord o) => string.Join(',', new[]
    {
        o.Sequence.ToString(CultureInfo.InvariantCulture), o.CustomerId, o.Type, o.Target, o.From, o.To, o.Because,
        o.Live, o.Draft, o.LiveBecause, o.DraftBecause,
    }.Select(field => field is null ? "" : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
}
