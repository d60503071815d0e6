using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RuleEngine.Console.Model;

/// <summary>
/// The console's only way to the server's data: its REST API over HTTP, with the signed-in user's key, so every role
/// check is the API's own. One instance per circuit (scoped), reading the key from the tab's <see cref="ConsoleSession"/>.
/// </summary>
public sealed partial class RuleEngineApi(HttpClient http, ConsoleSession session)
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client whose base address is the server itself.</summary>
    public const string HttpClientName = "RuleEngine.Console";

    // Who am I (used at sign-in, with the key typed, before the session holds it).
    public Task<ApiResult<WhoAmI>> WhoAmIAsync(string apiKey, CancellationToken ct = default) =>
        SendAsync<WhoAmI>(HttpMethod.Get, "api/me", null, ct, apiKey);

    // Rules
    public Task<ApiResult<List<RuleSummary>>> RulesAsync(CancellationToken ct = default) =>
        SendAsync<List<RuleSummary>>(HttpMethod.Get, "api/rules", null, ct);

    public Task<ApiResult<RuleDetail>> RuleAsync(string name, CancellationToken ct = default) =>
        SendAsync<RuleDetail>(HttpMethod.Get, $"api/rules/{Esc(name)}", null, ct);

    public Task<ApiResult<List<RuleVersion>>> VersionsAsync(string name, CancellationToken ct = default) =>
        SendAsync<List<RuleVersion>>(HttpMethod.Get, $"api/rules/{Esc(name)}/versions", null, ct);

    public Task<ApiResult<RuleVersionContent>> VersionAsync(string name, string hash, CancellationToken ct = default) =>
        SendAsync<RuleVersionContent>(HttpMethod.Get, $"api/rules/{Esc(name)}/versions/{Esc(hash)}", null, ct);

    /// <summary>PUT the text: 200 (active) and 422 (kept as a draft, diagnostics) both carry a <see cref="SaveResult"/>.</summary>
    public Task<ApiResult<SaveResult>> SaveAsync(string name, string text, CancellationToken ct = default) =>
        SendAsync<SaveResult>(HttpMethod.Put, $"api/rules/{Esc(name)}", new StringContent(text, Encoding.UTF8, "text/plain"), ct,
            bodyOnStatus: HttpStatusCode.UnprocessableEntity);

    public Task<ApiResult<SaveResult>> RollbackAsync(string name, string versionHash, CancellationToken ct = default) =>
        SendAsync<SaveResult>(HttpMethod.Post, $"api/rules/{Esc(name)}/rollback", JsonContent.Create(new { versionHash }), ct,
            bodyOnStatus: HttpStatusCode.UnprocessableEntity);

    public Task<ApiResult<RuleDiff>> DiffAsync(string name, string from, string to, CancellationToken ct = default) =>
        SendAsync<RuleDiff>(HttpMethod.Get, $"api/rules/{Esc(name)}/diff?from={Esc(from)}&to={Esc(to)}", null, ct);

    // Editing
    public Task<ApiResult<DiagnosticsAnswer>> DiagnosticsAsync(string text, string? path, CancellationToken ct = default) =>
        SendAsync<DiagnosticsAnswer>(HttpMethod.Post, "api/rules/diagnostics", JsonContent.Create(new { text, path }), ct);

    public Task<ApiResult<CompletionsAnswer>> CompletionsAsync(string text, int position, string? path, CancellationToken ct = default) =>
        SendAsync<CompletionsAnswer>(HttpMethod.Post, "api/rules/completions", JsonContent.Create(new { text, position, path }), ct);

    public Task<ApiResult<HoverAnswer>> HoverAsync(string text, int position, string? path, CancellationToken ct = default) =>
        SendAsync<HoverAnswer>(HttpMethod.Post, "api/rules/hover", JsonContent.Create(new { text, position, path }), ct);

    public async Task<ApiResult<IReadOnlyList<TestCaseResult>>> TestsAsync(string name, string? text, CancellationToken ct = default)
    {
        // 422 (the draft does not compile, so no case can run) is a problem with the first error in its detail.
        var answer = await SendAsync<JsonElement>(HttpMethod.Post, $"api/rules/{Esc(name)}/tests", JsonContent.Create(new { text }), ct);
        if (!answer.Ok) return new(null, answer.Problem, answer.Status);
        var cases = Json.ArrayIn(answer.Value, "cases", "results", "tests") is { } array ? array.EnumerateArray() : [];
        return new(cases.Select(c => new TestCaseResult(
            Json.Text(c, "name") ?? "", Json.Property(c, "passed") is { ValueKind: JsonValueKind.True },
            Json.Text(c, "message"), Lines(Json.Property(c, "expected")), Lines(Json.Property(c, "actual")))).ToList(), null, answer.Status);
    }

    public async Task<ApiResult<IReadOnlyList<ScriptApiMember>>> ScriptApiAsync(CancellationToken ct = default)
    {
        var answer = await SendAsync<JsonElement>(HttpMethod.Get, "api/rules/script-api", null, ct);
        if (!answer.Ok) return new(null, answer.Problem, answer.Status);
        var members = Json.ArrayIn(answer.Value, "members", "items") is { } array ? array.EnumerateArray() : [];
        return new(members.Select(m => new ScriptApiMember(
            Json.Text(m, "name") ?? "", Json.Text(m, "kind"), Json.Text(m, "type"), Json.Text(m, "signature"),
            Documentation(m), Json.Text(m, "group"))).ToList(),
            null, answer.Status);
    }

    // Preview and runs
    /// <summary>Starts a preview of the draft against live: the run's id to follow with <see cref="RunAsync"/>.</summary>
    public Task<ApiResult<RunAccepted>> PreviewAsync(string name, string text, CancellationToken ct = default) =>
        SendAsync<RunAccepted>(HttpMethod.Post, $"api/rules/{Esc(name)}/preview", JsonContent.Create(new { text }), ct);

    public Task<ApiResult<JsonElement>> CaptureTestAsync(string name, string runId, string customerId, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/rules/{Esc(name)}/tests/capture", JsonContent.Create(new { runId, customerId }), ct);

    public Task<ApiResult<RunAccepted>> TriggerRunAsync(string name, bool dryRun, CancellationToken ct = default) =>
        SendAsync<RunAccepted>(HttpMethod.Post, $"api/rules/{Esc(name)}/runs", JsonContent.Create(new { dryRun }), ct);

    public Task<ApiResult<RunView>> RunAsync(string id, CancellationToken ct = default) =>
        SendAsync<RunView>(HttpMethod.Get, $"api/runs/{Esc(id)}", null, ct);

    public Task<ApiResult<RunView>> CancelRunAsync(string id, CancellationToken ct = default) =>
        SendAsync<RunView>(HttpMethod.Post, $"api/runs/{Esc(id)}/cancel", null, ct);

    /// <summary>Each side of a test case, one outcome per line, exactly as the server wrote it.</summary>
    private static string? Lines(JsonElement? value) =>
        value is null or { ValueKind: JsonValueKind.Null } ? null : string.Join("\n", PreviewImpact.Lines(value));

    private static string? Documentation(JsonElement member)
    {
        var parts = new[] { Json.Text(member, "documentation") ?? Json.Text(member, "summary"), Prefixed("Returns: ", Json.Text(member, "returns")), Json.Text(member, "remarks") }
            .Where(p => !string.IsNullOrWhiteSpace(p));
        var text = string.Join("\n", parts);
        return text.Length == 0 ? null : text;
    }

    private static string? Prefixed(string prefix, string? text) => string.IsNullOrWhiteSpace(text) ? null : prefix + text;

    private static string Esc(string value) => Uri.EscapeDataString(value);

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, CancellationToken ct, string? apiKey = null,
        HttpStatusCode? bodyOnStatus = null)
    {
        var key = apiKey ?? session.ApiKey;
        if (key is null) return new(default, new ApiProblem(401, "Not signed in", "Sign in with your API key."), 401);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || response.StatusCode == bodyOnStatus)
            {
                var value = response.Content.Headers.ContentLength == 0
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json.Options, ct);
                return new(value, null, status);
            }
            return new(default, await ProblemOfAsync(response, ct), status);
        }
        catch (HttpRequestException e)
        {
            return new(default, ApiProblem.Unreachable(e), 0);
        }
        catch (JsonException e)
        {
            return new(default, new ApiProblem(0, "The server's answer could not be read", e.Message), 0);
        }
    }

    internal static async Task<ApiProblem> ProblemOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json.Options, ct);
            return new ApiProblem((int)response.StatusCode, Json.Text(problem, "title") ?? response.StatusCode.ToString(),
                Json.Text(problem, "detail"));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return ApiProblem.FromStatus(response.StatusCode);
        }
    }
}
