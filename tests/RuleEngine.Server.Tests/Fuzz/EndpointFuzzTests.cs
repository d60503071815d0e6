using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// Property: for every endpoint, whatever malformed request an allowed caller sends, the server answers
/// without a 5xx, explains every 4xx as problem details, and a refused write leaves the database as it was.
/// </summary>
public class EndpointFuzzTests(FuzzServer server) : IClassFixture<FuzzServer>
{
    /// <summary>Writes get more cases: they have bodies to get wrong and state to corrupt.</summary>
    public const int CasesPerRead = 10, CasesPerWrite = 30;

    public static TheoryData<string> Endpoints() => new(RoleMatrix.Endpoints.Select(e => e.ToString()));

    public static int CaseCount(EndpointAccess endpoint) => endpoint.Method == "GET" ? CasesPerRead : CasesPerWrite;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Malformed_requests_never_get_a_5xx_a_non_problem_4xx_or_a_partial_write(string endpoint)
    {
        var access = RoleMatrix.Find(endpoint);
        var seed = FuzzSeed.For(endpoint);
        var junk = new Junk(new Random(seed));
        var requests = new MalformedRequests(junk, server.World);
        using var client = server.CreateClient(null);
        var failures = new List<string>();

        for (var i = 0; i < CaseCount(access); i++)
        {
            var role = access.AllowedRoles is { } roles ? junk.Pick(roles) : "admin";
            var request = requests.For(access, role);
            var before = StoredCounts.Of(server);
            using var response = await client.SendAsync(request.ToMessage());
            if (await ResponseVerdict.JudgeAsync(response, plainJson422: IsRuleSave(access)) is { } wrong)
                failures.Add($"case {i}: {request} {wrong}");
            if (MustWriteNothing(access, request, response) && StoredCounts.Of(server) is var after && after != before)
                failures.Add($"case {i}: {request} was refused with {(int)response.StatusCode} but wrote: {before} → {after}");
        }

        Assert.True(failures.Count == 0,
            $"{endpoint}, seed {FuzzSeed.Value} (RULEENGINE_FUZZ_SEED), endpoint stream {seed}: {failures.Count} of {CaseCount(access)} cases failed:\n"
            + string.Join("\n", failures));
    }

    /// <summary>A rule save answers 422 with the diagnostics and keeps the new text as the pending version: both by contract.</summary>
    private static bool IsRuleSave(EndpointAccess access) =>
        access.Route is "/api/rules/{name}" or "/api/rules/{name}/rollback" && access.Method != "GET";

    /// <summary>Refused writes must write nothing, except a partial ingest, which by contract keeps the rows it could read.</summary>
    private static bool MustWriteNothing(EndpointAccess access, FuzzRequest request, HttpResponseMessage response) =>
        access.Method != "GET" && (int)response.StatusCode >= 400
        && !(IsRuleSave(access) && (int)response.StatusCode == 422)
        && !request.PathAndQuery.Contains("partial=", StringComparison.OrdinalIgnoreCase);
}
