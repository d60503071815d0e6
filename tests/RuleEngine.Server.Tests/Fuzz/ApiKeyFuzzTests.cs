using System.Text;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// Property: no X-Api-Key header that is not a configured key gets past authentication on any endpoint
/// that needs one (401 as problem details, nothing written), and no header value at all makes the server fail.
/// </summary>
public class ApiKeyFuzzTests(FuzzServer server) : IClassFixture<FuzzServer>
{
    public const int CasesPerEndpoint = 6;

    public static TheoryData<string> Endpoints() => new(RoleMatrix.Endpoints.Select(e => e.ToString()));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Junk_api_keys_are_refused_with_401_problem_details_and_write_nothing(string endpoint)
    {
        var access = RoleMatrix.Find(endpoint);
        var seed = FuzzSeed.For("X-Api-Key " + endpoint);
        var junk = new Junk(new Random(seed));
        using var client = server.CreateClient(null);
        var failures = new List<string>();

        for (var i = 0; i < CasesPerEndpoint; i++)
        {
            var request = new FuzzRequest(access.Method, access.RequestPath, access.Body is null ? null : Encoding.UTF8.GetBytes(access.Body),
                access.Body is null ? null : access.ContentType, JunkKeys(junk));
            var before = StoredCounts.Of(server);
            using var response = await client.SendAsync(request.ToMessage());
            var status = (int)response.StatusCode;
            if (await ResponseVerdict.JudgeAsync(response, plainJson422: false) is { } wrong) failures.Add($"case {i}: {Keys(request)} {wrong}");
            if (access.AllowedRoles is not null && status != 401) failures.Add($"case {i}: {Keys(request)} answered {status}, not 401");
            if (access.AllowedRoles is not null && StoredCounts.Of(server) is var after && after != before)
                failures.Add($"case {i}: {Keys(request)} wrote without a key: {before} → {after}");
        }

        Assert.True(failures.Count == 0,
            $"{endpoint}, seed {FuzzSeed.Value} (RULEENGINE_FUZZ_SEED), endpoint stream {seed}: {failures.Count} of {CasesPerEndpoint} cases failed:\n"
            + string.Join("\n", failures));
    }

    /// <summary>Near misses of real keys, junk, and several headers at once (none of them a real key).</summary>
    private static IReadOnlyList<string> JunkKeys(Junk junk)
    {
        var real = TestKeys.For(junk.Pick(TestKeys.Roles));
        string One() => junk.Random.Next(8) switch
        {
            0 => real.ToUpperInvariant(),
            1 => real[..^1],
            2 => real + junk.Pick(["x", "\u0001", "é", "😀", "%00", "\t", ";"]),
            3 => "Bearer " + real,
            4 => new string('k', junk.Random.Next(1_000, 40_000)),
            5 => junk.RandomUnicode(junk.Random.Next(1, 64)).Replace('\r', ' ').Replace('\n', ' '),
            6 => Convert.ToBase64String(Encoding.UTF8.GetBytes(real)),
            _ => junk.Pick(Junk.OddStrings).Replace('\n', ' '),
        };
        return Enumerable.Range(0, junk.Chance(0.2) ? 2 : 1).Select(_ => One()).ToList();
    }

    private static string Keys(FuzzRequest request) =>
        "X-Api-Key " + string.Join(" | ", request.ApiKeys.Select(k => k.Length > 60 ? $"{k[..60]}… ({k.Length} chars)" : k));
}
