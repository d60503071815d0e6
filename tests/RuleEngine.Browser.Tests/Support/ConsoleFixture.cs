namespace RuleEngine.Browser.Tests.Support;

/// <summary>One server and one browser shared by every browser test (they run one after another in this collection).</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; } = new();
    public ConsoleBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Browser = new ConsoleBrowser(Server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
