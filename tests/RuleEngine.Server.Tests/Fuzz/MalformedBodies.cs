using System.Text;
using System.Text.Json.Nodes;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>Request bodies for each endpoint: mostly a well-formed body with one thing wrong, sometimes pure junk.</summary>
public sealed class MalformedBodies(Junk junk, FuzzWorld world)
{
    public static readonly IReadOnlyList<string> JunkContentTypes =
    [
        "text/plain", "application/json", "application/x-ndjson", "text/csv", "application/xml", "multipart/form-data",
        "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=bogus",
        "text/csv; charset=\"", ";;;", "*/*", "", "application/problem+json", "APPLICATION/JSON", "text/plain; charset=latin1",
    ];

    /// <summary>The body and content type to send, by what the endpoint reads.</summary>
    public (byte[]? Body, string? ContentType) For(string method, string route)
    {
        var (body, contentType) = route switch
        {
            "/api/customers" or "/api/orders" or "/api/events" => Ingest(route),
            "/api/rules/{name}" when method == "PUT" => (Script(), "text/plain"),
            "/api/rules/validate" => (Script(), "text/plain"),
            _ when JsonTemplate(route) is { } template => (Utf8(JsonMutations.Mutate(junk, template)), "application/json"),
            // Reads and body-less commands: now and then a body they must ignore or refuse.
            _ => junk.Chance(0.3) ? (junk.RandomBytes(2_000), junk.Pick(JunkContentTypes)) : (null, null),
        };
        if (junk.Chance(0.15)) return (body, null);
        if (junk.Chance(0.2)) return (body, junk.Pick(JunkContentTypes));
        return (body, contentType);
    }

    private string? JsonTemplate(string route) => route switch
    {
        "/api/rules/{name}/runs" => $$$"""{"dryRun":true,"asOf":"2026-11-22T08:00:00Z","customerIds":["{{{FuzzWorld.CustomerId}}}"],"parameters":{"threshold":"5"}}""",
        "/api/rules/{name}/rollback" => $$"""{"versionHash":"{{world.VersionHash}}"}""",
        "/api/followups/{id}" => """{"status":"done","outcome":"called back"}""",
        _ => null,
    };

    private (byte[], string) Ingest(string route)
    {
        var rows = Enumerable.Range(0, 3).Select(_ => Row(route)).ToList();
        var format = junk.Random.Next(route == "/api/events" ? 2 : 3);
        if (format == 2) return (Utf8(Csv(route, rows)), "text/csv");
        if (junk.Chance(0.1)) return (junk.RandomBytes(4_000), format == 0 ? "application/json" : "application/x-ndjson");
        // One row of the batch is the bad one: all-or-nothing must then write none of the good ones either.
        var bad = junk.Random.Next(rows.Count);
        rows[bad] = JsonMutations.Mutate(junk, rows[bad]);
        return format == 0
            ? (Utf8("[" + string.Join(",", rows) + "]"), "application/json")
            : (Utf8(string.Join(junk.Pick(["\n", "\r\n", "\n\n"]), rows)), "application/x-ndjson");
    }

    private string Row(string route) => route switch
    {
        "/api/customers" => $$$"""{"id":"{{{world.NewId("fc")}}}","name":"Fuzz","email":"f@example.com","phone":"+86 10 1234","gender":"female","birthday":"1990-05-01","region":"east","joinedAt":"2025-01-01T00:00:00Z","channel":"web","tags":["vip"],"attributes":{"k":"v"}}""",
        "/api/orders" => $$"""{"id":"{{world.NewId("fo")}}","customerId":"{{FuzzWorld.CustomerId}}","amount":12.5,"currency":"CNY","at":"2026-11-01T08:00:00Z","channel":"web","status":"paid","items":[{"sku":"a","quantity":1}]}""",
        _ => $$$"""{"id":"{{{world.NewId("fe")}}}","customerId":"{{{FuzzWorld.CustomerId}}}","type":"visit","at":"2026-11-01T08:00:00Z","properties":{"prescriptionDays":"30"}}""",
    };

    /// <summary>CSV with one broken line: a bad value, an unclosed quote, too many or too few columns, junk bytes.</summary>
    private string Csv(string route, List<string> jsonRows)
    {
        var objects = jsonRows.Select(r => JsonNode.Parse(r)!.AsObject()).ToList();
        var header = objects[0].Where(p => p.Value is JsonValue).Select(p => p.Key).ToList();
        var lines = objects.Select(o => string.Join(",", header.Select(h => o[h]!.ToString()))).ToList();
        var bad = junk.Random.Next(lines.Count);
        lines[bad] = junk.Random.Next(5) switch
        {
            0 => lines[bad].Replace(",", "," + junk.OddString().Replace("\n", " ") + ",", StringComparison.Ordinal),
            1 => lines[bad] + ",\"unclosed",
            2 => lines[bad][..junk.Random.Next(lines[bad].Length)],
            3 => lines[bad] + string.Concat(Enumerable.Repeat(",x", junk.Random.Next(1, 50))),
            _ => junk.RandomUnicode(junk.Random.Next(1, 200)),
        };
        var headerLine = junk.Chance(0.15) ? junk.Pick(["", "id", "id,id,id", "\"id", junk.OddString()]) : string.Join(",", header);
        return headerLine + "\n" + string.Join(junk.Pick(["\n", "\r\n", "\r"]), lines);
    }

    /// <summary>Rule script bodies: junk text and bytes, not-quite-C#, oversize and pathologically nested scripts.</summary>
    private byte[] Script() => junk.Random.Next(9) switch
    {
        0 => [],
        1 => junk.RandomBytes(3_000),
        2 => Utf8(junk.RandomUnicode(junk.Random.Next(1, 2_000))),
        3 => Utf8("// kind: " + junk.OddString() + "\n" + junk.OddString()),
        4 => Utf8("// kind: reward\n" + new string('(', 1_000) + "1" + new string(')', 1_000) + ";\n"),
        5 => Utf8("// kind: reward\n" + junk.Pick(["#r \"System.IO.dll\"", "#load \"../../etc/passwd\"", "#load \"" + junk.OddString() + "\"", "#!/bin/sh"]) + "\n"),
        6 => Utf8("// kind: segmentation\n" + new string('x', 300 * 1024)),
        7 => Utf8("\uFEFF// kind: reward\n// schedule: " + junk.OddString() + "\n// timeZone: " + junk.OddString() + "\n"),
        _ => Utf8("// kind: reward\n" + string.Concat(Enumerable.Repeat("{", junk.Random.Next(100, 1_000)))),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
