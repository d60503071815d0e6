namespace RuleEngine.Server.Tests.TestHost;

/// <summary>Waits for what the server does in the background (scheduling, runs) with a generous bound.</summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Asks <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> when it never does.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what) =>
        GetAsync(async () => await condition() ? true : (bool?)null, what);

    /// <summary>Asks <paramref name="probe"/> until it answers non-null; fails the test with <paramref name="what"/> when it never does.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what) where T : struct
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > giveUp) throw new Xunit.Sdk.XunitException($"Gave up after {Patience.TotalSeconds} s waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
