using System.Net.Http.Headers;
using System.Text.Json;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>What every answer to bad input must be: no 5xx, and a 4xx that is RFC 7807 problem details.</summary>
public static class ResponseVerdict
{
    /// <summary>Null when the answer is acceptable; otherwise what is wrong with it.</summary>
    /// <param name="plainJson422">The endpoint answers 422 with its own documented body (a rule save: diagnostics) rather than a problem.</param>
    public static async Task<string?> JudgeAsync(HttpResponseMessage response, bool plainJson422)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return $"answered {status}: {Preview(body)}";
        if (status < 400 || (status == 422 && plainJson422)) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"answered {status} as '{response.Content.Headers.ContentType}', not application/problem+json: {Preview(body)}";
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (!problem.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status)
                return $"answered {status} with a problem whose status member disagrees: {Preview(body)}";
            if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                return $"answered {status} with a problem without a title: {Preview(body)}";
            return null;
        }
        catch (JsonException)
        {
            return $"answered {status} with a problem body that is not JSON: {Preview(body)}";
        }
    }

    private static string Preview(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
