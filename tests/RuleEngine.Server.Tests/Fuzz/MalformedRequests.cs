using System.Text.RegularExpressions;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>Whole requests for one endpoint: odd path parameters, junk query parameters and a malformed body.</summary>
public sealed partial class MalformedRequests(Junk junk, FuzzWorld world)
{
    private readonly MalformedBodies _bodies = new(junk, world);

    /// <summary>Path segments that escape, overflow or confuse: sent percent-encoded, as a client would.</summary>
    public static readonly IReadOnlyList<string> OddSegments =
    [
        "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2e%2e%5c%2e%2e%5cwin.ini", "a%01b", "%ff%fe", "%c0%ae%c0%ae", "%e8%a7%84%e5%88%99",
        "%F0%9F%98%80", "%20", "%09", "_shared", "CON", "aux.csx", "fuzz-target.csx", "-", "FUZZ-TARGET", "%2F", "%252e%252e",
        "'%20OR%201=1", "%7B%7D", "%3Cscript%3E", "1e309", "-1", "0", "null",
    ];

    /// <summary>Query parameters every list endpoint reads, plus ones none reads, with values they must refuse.</summary>
    private static readonly IReadOnlyList<string> QueryNames =
        ["limit", "cursor", "from", "to", "dueBefore", "status", "rule", "actor", "type", "customerId", "partial", "name", "asOf", "dryRun", "x"];

    private static readonly IReadOnlyList<string> QueryValues =
    [
        "-1", "0", "1001", "2147483648", "99999999999999999999", "1e3", "abc", "", "%00", "%ff", "true", "TRUE", "maybe", "1",
        "notadate", "2026-02-30", "9999-12-31T23:59:59Z", "0001-01-01", "-0001-01-01", "2026-11-22T08:00:00%2B99:00",
        "bogus", "RUNNING", "Succeeded", "%2e%2e%2f", "%E2%80%AE", "AAAA", "eyJ4IjoxfQ", "%3D%3D%3D", "!!!", "%F0%9F%98%80",
    ];

    public FuzzRequest For(EndpointAccess endpoint, string role)
    {
        var (body, contentType) = _bodies.For(endpoint.Method, endpoint.Route);
        return new FuzzRequest(endpoint.Method, Path(endpoint.Route) + Query(), body, contentType, [TestKeys.For(role)]);
    }

    // A NUL in the path never reaches the app: Kestrel refuses it, and the in-memory TestServer throws
    // in the client before sending. %01 keeps a control character in the path all the same.
    private string Path(string route) => RouteParameter().Replace(route, match =>
        junk.Chance(0.35) ? OddSegment().Replace("%00", "%01", StringComparison.Ordinal) : world.RealValueFor(route, match.Groups[1].Value));

    private string OddSegment() => junk.Random.Next(6) switch
    {
        0 => new string('a', junk.Random.Next(65, 8_000)),
        1 => Uri.EscapeDataString(junk.OddString()),
        _ => junk.Pick(OddSegments),
    };

    private string Query()
    {
        if (junk.Chance(0.3)) return "";
        var pairs = Enumerable.Range(0, junk.Random.Next(1, 5)).Select(_ =>
        {
            var value = junk.Chance(0.15) ? Uri.EscapeDataString(junk.OddString()) : junk.Pick(QueryValues);
            return $"{junk.Pick(QueryNames)}={value}";
        });
        // Now and then a repeated name ("limit=1&limit=2") or a bare one: binding must refuse, not throw.
        return "?" + string.Join("&", pairs) + (junk.Chance(0.1) ? "&limit=1&limit=2" : "") + (junk.Chance(0.05) ? "&&=&limit" : "");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
