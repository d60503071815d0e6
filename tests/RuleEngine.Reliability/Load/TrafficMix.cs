using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using RuleEngine.Demo;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// The requests a busy day sends, with their weights: mostly reads of customers and runs, then ingest batches, dry
/// runs limited to a few customers (a whole-base run per request would only measure the run queue) and rule
/// validation (a Roslyn compile per request, the heaviest call). Every request is valid: any error is the server's.
/// </summary>
public sealed class TrafficMix
{
    /// <summary>Library rules that do not read population statistics, so a dry run's cost follows its customer list.</summary>
    static readonly string[] DryRunRules = ["purchase-points", "visit-callbacks", "membership-tier", "daily-signin", "churn-risk"];
    const int IngestRows = 200;
    const int DryRunCustomers = 50;

    readonly int _customers;
    readonly string _ruleSource;
    readonly (int Weight, string Endpoint, Func<Client, Task<HttpResponseMessage>> Send)[] _requests;

    static readonly (int Weight, string Endpoint, Func<Client, Task<HttpResponseMessage>> Send)[] All =
    [
        (30, "GET /api/customers/{id}", c => c.Http.GetAsync($"/api/customers/{c.Customer()}")),
        (10, "GET /api/customers/{id}/points", c => c.Http.GetAsync($"/api/customers/{c.Customer()}/points")),
        (10, "GET /api/runs", c => c.Http.GetAsync("/api/runs?limit=20")),
        (10, "GET /api/runs/{id}", c => c.Http.GetAsync($"/api/runs/{c.KnownRun()}")),
        (5, "GET /api/segments", c => c.Http.GetAsync("/api/segments")),
        (15, "POST /api/orders (NDJSON)", c => c.Http.PostAsync("/api/orders", c.Ndjson(OrderRow))),
        (5, "POST /api/events (NDJSON)", c => c.Http.PostAsync("/api/events", c.Ndjson(EventRow))),
        (10, "POST /api/rules/{name}/runs (dry)", c => c.Http.PostAsJsonAsync($"/api/rules/{c.Pick(DryRunRules)}/runs",
            new { dryRun = true, asOf = DemoDataGenerator.Until, customerIds = Enumerable.Range(0, DryRunCustomers).Select(_ => c.Customer()).ToList() })),
        (5, "POST /api/rules/validate", c => c.Http.PostAsync("/api/rules/validate", new StringContent(c.Mix._ruleSource, Encoding.UTF8, "text/plain"))),
    ];

    /// <param name="readsOnly">Only the GET requests, with their weights: the mix's reads alone.</param>
    public TrafficMix(int customers, string ruleSource, bool readsOnly = false)
    {
        _requests = readsOnly ? All.Where(r => r.Endpoint.StartsWith("GET ", StringComparison.Ordinal)).ToArray() : All;
        _customers = customers;
        _ruleSource = ruleSource;
    }

    public IEnumerable<string> Endpoints => _requests.Select(r => r.Endpoint);

    public (string Endpoint, Func<Client, Task<HttpResponseMessage>> Send) Next(Random random)
    {
        var roll = random.Next(_requests.Sum(r => r.Weight));
        foreach (var request in _requests)
        {
            if (roll < request.Weight) return (request.Endpoint, request.Send);
            roll -= request.Weight;
        }
        throw new InvalidOperationException("weights");
    }

    static string OrderRow(string id, string customer, int row) =>
        $"{{\"id\":\"{id}\",\"customerId\":\"{customer}\",\"amount\":{10 + row % 90},\"at\":\"{DemoDataGenerator.Until.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}\"}}";

    static string EventRow(string id, string customer, int row) =>
        $"{{\"id\":\"{id}\",\"customerId\":\"{customer}\",\"type\":\"signin\",\"at\":\"{DemoDataGenerator.Until.AddHours(-row % 48):yyyy-MM-ddTHH:mm:ssZ}\"}}";

    /// <summary>One simulated caller: its own random source, a unique id space for what it ingests, and the runs it has seen.</summary>
    public sealed class Client(HttpClient http, TrafficMix mix, int index, int seed, string firstRunId)
    {
        readonly Random _random = new(seed);
        int _batches;

        public HttpClient Http => http;
        public TrafficMix Mix => mix;
        public string LastRunId { get; set; } = firstRunId;

        /// <summary>The next request to send, drawn from this client's own seeded random source.</summary>
        public (string Endpoint, Func<Client, Task<HttpResponseMessage>> Send) NextRequest() => mix.Next(_random);

        public string Customer() => DemoDataGenerator.CustomerId(_random.Next(mix._customers));

        public T Pick<T>(T[] items) => items[_random.Next(items.Length)];

        /// <summary>The run this client started last (or the one started before the load): GET /api/runs/{id} reads a real run.</summary>
        public string KnownRun() => LastRunId;

        public StringContent Ndjson(Func<string, string, int, string> row)
        {
            var batch = $"load-{index}-{_batches++}";
            var text = new StringBuilder();
            for (var r = 0; r < IngestRows; r++) text.Append(row($"{batch}-{r}", Customer(), r)).Append('\n');
            return new StringContent(text.ToString(), Encoding.UTF8, "application/x-ndjson");
        }
    }
}
