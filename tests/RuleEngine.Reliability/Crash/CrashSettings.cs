using RuleEngine.Demo;

namespace RuleEngine.Reliability.Crash;

/// <summary>The size of a crash campaign: the long tool and the short CI test differ only here.</summary>
public sealed record CrashSettings(
    string ServerDll, int Cycles, int Customers, int OrdersPerBatch, int PageSize, TimeSpan StartTimeout, TimeSpan RunTimeout, int RandomSeed)
{
    /// <summary>Run clocks for the cycles, oldest first, spread over the demo history so that each cycle's runs have new orders
    /// and visits to act on (a rerun of an already-paid window would prove little).</summary>
    public IReadOnlyList<DateTime> AsOfs()
    {
        var until = DemoDataGenerator.Until;
        var step = TimeSpan.FromDays(Math.Min(27, 500.0 / Cycles));
        return Enumerable.Range(0, Cycles).Select(i => until - step * (Cycles - 1 - i)).ToList();
    }
}
