using System.Net;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Errors;

public class UnknownRouteTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Fact]
    public async Task An_unknown_route_is_a_404_problem_for_a_caller_with_a_key()
    {
        using var client = factory.CreateClient("analyst");

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_route_does_not_reveal_itself_to_a_caller_without_a_key()
    {
        using var client = factory.CreateClient(null);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.Unauthorized);
    }
}
