using RuleEngine.Console.Model;

namespace RuleEngine.Console.Tests.Model;

public class ServerSelfAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5077", "http://127.0.0.1:5077/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://10.1.2.3:80", "http://127.0.0.1/")]
    public void The_server_calls_itself_on_loopback(string listening, string expected) =>
        Assert.Equal(expected, ServerSelfAddress.Choose([listening])!.ToString());

    [Fact]
    public void Plain_http_on_loopback_is_preferred_to_https() =>
        Assert.Equal("http://127.0.0.1:5000/", ServerSelfAddress.Choose(["https://127.0.0.1:5001", "http://127.0.0.1:5000"])!.ToString());

    [Fact]
    public void No_address_gives_none() => Assert.Null(ServerSelfAddress.Choose([]));
}
