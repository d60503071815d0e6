using System.Globalization;
using System.Text;
using RuleEngine.Demo;

namespace RuleEngine.Reliability.Crash;

/// <summary>
/// Posts NDJSON order batches back to back until the server dies (or the stream is stopped) and remembers which
/// batches the server acknowledged with a 2xx: those must all be in the file after the restart, whole.
/// The orders lie before the demo history, outside every window the rules look at, so the ingest never changes
/// what the runs compute and the crashed folder can be compared with a clean reference that had no ingest.
/// </summary>
public sealed class IngestStream(HttpClient client, string prefix, int ordersPerBatch, int customers)
{
    static readonly DateTime OrderTime = DemoDataGenerator.Since.AddDays(-60);

    readonly List<string> _acknowledged = [];

    /// <summary>Prefixes of the acknowledged batches (each batch's order ids are "prefix-row").</summary>
    public IReadOnlyList<string> Acknowledged => _acknowledged;

    /// <summary>The batch that was on its way when the stream ended without an answer, if any: it may be whole or absent, never torn.</summary>
    public string? InFlight { get; private set; }

    /// <summary>Answers other than 2xx (the server was alive and refused a valid batch): each one is a finding.</summary>
    public List<string> Refusals { get; } = [];

    public int OrdersPerBatch => ordersPerBatch;

    public static string OrderId(string batch, int row) => $"{batch}-{row:D5}";

    public async Task RunAsync(CancellationToken stop)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var name = $"{prefix}-{batch:D4}";
            InFlight = name;
            try
            {
                using var content = new StringContent(Body(name), Encoding.UTF8, "application/x-ndjson");
                using var response = await client.PostAsync("/api/orders", content, CancellationToken.None);
                InFlight = null;
                if (response.IsSuccessStatusCode) _acknowledged.Add(name);
                else Refusals.Add($"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
            catch (HttpRequestException)
            {
                return; // the server died with this batch unanswered: InFlight names it
            }
        }
    }

    string Body(string batch)
    {
        var text = new StringBuilder(ordersPerBatch * 110);
        for (var row = 0; row < ordersPerBatch; row++)
        {
            var customer = DemoDataGenerator.CustomerId(row % customers);
            var amount = (10 + row % 90).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{OrderId(batch, row)}\",\"customerId\":\"{customer}\",\"amount\":{amount},\"at\":\"{OrderTime:yyyy-MM-ddTHH:mm:ssZ}\"}}\n");
        }
        return text.ToString();
    }
}
