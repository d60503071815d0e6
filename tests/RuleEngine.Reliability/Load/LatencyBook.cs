using System.Collections.Concurrent;

namespace RuleEngine.Reliability.Load;

/// <summary>Every request's endpoint, status (0 for a transport error or timeout) and latency, from all clients at once.</summary>
public sealed class LatencyBook
{
    readonly ConcurrentDictionary<string, ConcurrentBag<(int Status, double Milliseconds)>> _byEndpoint = new();

    public void Record(string endpoint, int status, double milliseconds) =>
        _byEndpoint.GetOrAdd(endpoint, _ => []).Add((status, milliseconds));

    public IEnumerable<EndpointFigures> Figures() => _byEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => EndpointFigures.Of(e.Key, e.Value.ToList()));
}

/// <summary>One endpoint's count, errors and latency percentiles.</summary>
public sealed record EndpointFigures(string Endpoint, int Requests, int Errors, int TooMany, int Unexpected4xx, double P50, double P99, double Max)
{
    /// <summary>5xx and transport errors (including timeouts) are errors; 429 is counted apart; any other 4xx is unexpected, since every request is valid.</summary>
    public static EndpointFigures Of(string endpoint, List<(int Status, double Milliseconds)> requests)
    {
        var sorted = requests.Select(r => r.Milliseconds).Order().ToList();
        return new EndpointFigures(endpoint, requests.Count,
            requests.Count(r => r.Status == 0 || r.Status >= 500), requests.Count(r => r.Status == 429),
            requests.Count(r => r.Status is >= 400 and < 500 and not 429),
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Count == 0 ? 0 : sorted[^1]);
    }

    static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
