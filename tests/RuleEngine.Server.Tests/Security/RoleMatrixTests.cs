using System.Net;
using System.Text;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Security;

public class RoleMatrixTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    private const string NoKey = "no key";
    private const string UnknownKey = "unknown key";

    public static TheoryData<string, string> Calls()
    {
        var calls = new TheoryData<string, string>();
        foreach (var endpoint in RoleMatrix.Endpoints)
        {
            foreach (var caller in TestKeys.Roles.Append(NoKey).Append(UnknownKey)) calls.Add(endpoint.ToString(), caller);
        }
        return calls;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Endpoint_answers_each_caller_as_the_matrix_says(string endpoint, string caller)
    {
        var access = RoleMatrix.Find(endpoint);
        var response = await SendAsync(access, caller);

        if (access.AllowedRoles is null || access.AllowedRoles.Contains(caller))
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError),
                $"{caller} should be allowed to call {endpoint}, got {(int)response.StatusCode}");
        }
        else if (caller is NoKey or UnknownKey)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        }
        else
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains($"'{caller}'", problem.Detail());
        }
    }

    [Fact]
    public void Every_mapped_endpoint_has_a_row_in_the_role_matrix()
    {
        var missing = MappedEndpoints.Of(factory).Select(e => $"{e.Method} {e.Route}")
            .Where(endpoint => RoleMatrix.Endpoints.All(row => !row.Mapped || row.ToString() != endpoint))
            .ToList();

        Assert.True(missing.Count == 0, "Add these endpoints to TestHost/RoleMatrix.cs: " + string.Join(", ", missing));
    }

    private async Task<HttpResponseMessage> SendAsync(EndpointAccess access, string caller)
    {
        using var client = factory.CreateClient(caller is NoKey or UnknownKey ? null : caller);
        if (caller is UnknownKey) client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-configured-key");
        using var request = new HttpRequestMessage(new HttpMethod(access.Method), access.RequestPath);
        if (access.Body is not null) request.Content = new StringContent(access.Body, Encoding.UTF8, access.ContentType);
        return await client.SendAsync(request);
    }
}
