using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RuleEngine.Server.Security;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Security;

/// <summary>A permission that depends on the body: analysts may start dry runs, only ops and admins real ones.</summary>
public class PolicyChecksTests : IAsyncLifetime
{
    private ProbeHost host = null!;

    public async Task InitializeAsync() => host = await ProbeHost.StartAsync(app =>
        app.MapPost("/probe/runs", async Task<IResult> (ProbeRun run, HttpContext context) =>
                !run.DryRun && await context.ForbidUnlessAllowedAsync(Policies.TriggerRuns, "a run that is not a dry run") is { } refused
                    ? refused
                    : TypedResults.Accepted("/probe/runs/1"))
            .RequireAuthorization(Policies.DryRun)
            .WithSummary("probe"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("analyst", true, HttpStatusCode.Accepted)]
    [InlineData("analyst", false, HttpStatusCode.Forbidden)]
    [InlineData("ops", false, HttpStatusCode.Accepted)]
    [InlineData("admin", false, HttpStatusCode.Accepted)]
    [InlineData("auditor", true, HttpStatusCode.Forbidden)]
    public async Task Only_ops_and_admins_start_real_runs(string role, bool dryRun, HttpStatusCode expected)
    {
        using var client = host.CreateClient(role);

        var response = await client.PostAsJsonAsync("/probe/runs", new ProbeRun(dryRun));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_refusal_names_the_roles_that_may()
    {
        using var client = host.CreateClient("analyst");

        var response = await client.PostAsJsonAsync("/probe/runs", new ProbeRun(false));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("The key 'test-analyst' has the role 'analyst'; a run that is not a dry run needs one of: ops, admin.", problem.Detail());
    }

    public sealed record ProbeRun(bool DryRun);
}
