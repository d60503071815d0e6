using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace RuleEngine.Console.Model;

/// <summary>The calls of the ops' and auditors' pages: runs (with their live event stream), customers and the audit log.</summary>
public sealed partial class RuleEngineApi
{
    // Runs
    public Task<ApiResult<ItemsPage<RunView>>> RunsAsync(RunFilter filter, string? cursor, int limit = 25, CancellationToken ct = default) =>
        SendAsync<ItemsPage<RunView>>(HttpMethod.Get, "api/runs" + Query(
            ("rule", filter.Rule), ("status", filter.Status), ("trigger", filter.Trigger), ("actor", filter.Actor),
            ("from", filter.From?.ToString("O")), ("to", filter.To?.ToString("O")), ("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    public Task<ApiResult<ItemsPage<RunLogLine>>> RunLogsAsync(string id, string? cursor, int limit = 200, CancellationToken ct = default) =>
        SendAsync<ItemsPage<RunLogLine>>(HttpMethod.Get, $"api/runs/{Esc(id)}/logs" + Query(("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    public Task<ApiResult<ItemsPage<RunOutcomeRow>>> RunOutcomesAsync(string id, string? cursor, int limit = 50, CancellationToken ct = default) =>
        SendAsync<ItemsPage<RunOutcomeRow>>(HttpMethod.Get, $"api/runs/{Esc(id)}/outcomes" + Query(("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    public Task<ApiResult<RunAccepted>> RerunAsync(string id, CancellationToken ct = default) =>
        SendAsync<RunAccepted>(HttpMethod.Post, $"api/runs/{Esc(id)}/rerun", null, ct);

    /// <summary>
    /// The run's Server-Sent Events as they come (progress, each log line, status), read here on the server side of the
    /// circuit with the user's key: the browser never holds the key, so it cannot open the stream itself.
    /// Ends when the run ends, the stream is refused (nothing is yielded) or <paramref name="ct"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<RunEvent> RunEventsAsync(string id, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (session.ApiKey is not { } key) yield break;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{Esc(id)}/events");
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            yield break;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) yield break;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
            string? type = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type is not null && data.Length > 0) yield return new RunEvent(type, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                    (type, data) = (null, data.Clear());
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
                // ": keep-alive" comments and "id:" lines carry nothing the page shows.
            }
        }
    }

    // Customers
    public Task<ApiResult<ItemsPage<CustomerHit>>> SearchCustomersAsync(string? text, string? segment, string? cursor, int limit = 20, CancellationToken ct = default) =>
        SendAsync<ItemsPage<CustomerHit>>(HttpMethod.Get, "api/customers" + Query(("q", text), ("segment", segment), ("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    public Task<ApiResult<JsonElement>> CustomerAsync(string id, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/customers/{Esc(id)}", null, ct);

    public Task<ApiResult<PointsLedger>> CustomerPointsAsync(string id, string? cursor, int limit = 100, CancellationToken ct = default) =>
        SendAsync<PointsLedger>(HttpMethod.Get, $"api/customers/{Esc(id)}/points" + Query(("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    public Task<ApiResult<CustomerHistoryAnswer>> CustomerHistoryAsync(string id, CancellationToken ct = default) =>
        SendAsync<CustomerHistoryAnswer>(HttpMethod.Get, $"api/customers/{Esc(id)}/history", null, ct);

    // Dashboard
    public Task<ApiResult<List<SegmentCount>>> SegmentsAsync(CancellationToken ct = default) =>
        SendAsync<List<SegmentCount>>(HttpMethod.Get, "api/segments", null, ct);

    public Task<ApiResult<SegmentTrendView>> SegmentTrendAsync(string kind, DateOnly from, DateOnly to, string bucket, CancellationToken ct = default) =>
        SendAsync<SegmentTrendView>(HttpMethod.Get, $"api/segments/{Esc(kind)}/trend" + Query(("from", from.ToString("yyyy-MM-dd")), ("to", to.ToString("yyyy-MM-dd")), ("bucket", bucket)), null, ct);

    public Task<ApiResult<PointsTrendView>> PointsTrendAsync(DateOnly from, DateOnly to, string bucket, CancellationToken ct = default) =>
        SendAsync<PointsTrendView>(HttpMethod.Get, "api/points/trend" + Query(("from", from.ToString("yyyy-MM-dd")), ("to", to.ToString("yyyy-MM-dd")), ("bucket", bucket)), null, ct);

    public Task<ApiResult<ItemsPage<FollowUpView>>> OpenFollowUpsAsync(string? cursor, int limit = 500, CancellationToken ct = default) =>
        SendAsync<ItemsPage<FollowUpView>>(HttpMethod.Get, "api/followups" + Query(("status", "open"), ("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    // Audit
    public Task<ApiResult<ItemsPage<AuditRow>>> AuditAsync(string? type, string? rule, string? actor, string? cursor, int limit = 50, CancellationToken ct = default) =>
        SendAsync<ItemsPage<AuditRow>>(HttpMethod.Get, "api/audit" + Query(("type", type), ("rule", rule), ("actor", actor), ("limit", limit.ToString()), ("cursor", cursor)), null, ct);

    /// <summary>Every matching entry as <paramref name="mediaType"/> (<c>text/csv</c> or <c>application/x-ndjson</c>).</summary>
    public async Task<ApiResult<string>> AuditExportAsync(string mediaType, string? type, string? rule, string? actor, CancellationToken ct = default)
    {
        if (session.ApiKey is not { } key) return new(null, new ApiProblem(401, "Not signed in", "Sign in with your API key."), 401);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/audit" + Query(("type", type), ("rule", rule), ("actor", actor)));
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode
                ? new(await response.Content.ReadAsStringAsync(ct), null, (int)response.StatusCode)
                : new(null, await ProblemOfAsync(response, ct), (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return new(null, ApiProblem.Unreachable(e), 0);
        }
    }

    public Task<ApiResult<AuditCheck>> VerifyAuditAsync(CancellationToken ct = default) =>
        SendAsync<AuditCheck>(HttpMethod.Get, "api/audit/verify", null, ct);

    public Task<ApiResult<AuditHeadView>> AuditHeadAsync(CancellationToken ct = default) =>
        SendAsync<AuditHeadView>(HttpMethod.Get, "api/audit/head", null, ct);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Esc(p.Value!.Trim())}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join("&", present);
    }
}
