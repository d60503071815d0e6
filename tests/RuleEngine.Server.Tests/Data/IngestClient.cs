using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RuleEngine.Server.Tests.Data;

/// <summary>Posting bodies in the three ingest formats and reading the answers.</summary>
internal static class IngestClient
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, string json) => client.Post(path, json, "application/json");

    public static Task<HttpResponseMessage> PostNdjson(this HttpClient client, string path, string ndjson) => client.Post(path, ndjson, "application/x-ndjson");

    public static Task<HttpResponseMessage> PostCsv(this HttpClient client, string path, string csv) => client.Post(path, csv, "text/csv");

    public static Task<HttpResponseMessage> Post(this HttpClient client, string path, string body, string contentType) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>The body as JSON; read as a string so that a test may read it more than once.</summary>
    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>The <c>errors</c> of an ingest answer as (row, field, message).</summary>
    public static async Task<List<(long Row, string? Field, string Message)>> Errors(this HttpResponseMessage response) =>
        (await response.Json())["errors"]!.AsArray()
            .Select(e => (e!["row"]!.GetValue<long>(), e["field"]?.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();

    public static async Task<(long Accepted, long Rejected)> Counts(this HttpResponseMessage response)
    {
        var json = await response.Json();
        return (json["accepted"]!.GetValue<long>(), json["rejected"]!.GetValue<long>());
    }

    public static string Ndjson(params object[] rows) => string.Join('\n', rows.Select(r => JsonSerializer.Serialize(r)));
}
