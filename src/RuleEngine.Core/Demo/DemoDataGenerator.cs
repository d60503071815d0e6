using RuleEngine.Domain;

namespace RuleEngine.Demo;

/// <summary>
/// A deterministic demo CRM: customers over 18 months with orders and refunds, sign-in streaks, clinic visits with
/// prescriptions, complaints, surveys and shop interactions, birthdays (29 February included). Each customer comes from
/// its own seeded random source, so the data streams one customer at a time and customer N is the same at any size.
/// </summary>
public sealed class DemoDataGenerator(int seed = DemoDataGenerator.DefaultSeed)
{
    public const int DefaultSeed = 20261122;
    public const int MinCustomers = 100;
    public const int MaxCustomers = 1_000_000;

    /// <summary>The end of the demo history (fixed, so the data set never changes with the clock).</summary>
    public static readonly DateTime Until = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The start of the demo history: 18 months before <see cref="Until"/>.</summary>
    public static readonly DateTime Since = Until.AddMonths(-18);

    public static string CustomerId(int index) => $"c{index:D7}";

    public IEnumerable<DemoCustomer> Generate(int customers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, MinCustomers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customers, MaxCustomers);
        for (var index = 0; index < customers; index++) yield return Customer(index);
    }

    public DemoCustomer Customer(int index)
    {
        // Not HashCode.Combine: it is randomised per process, and the demo data must be the same in every process.
        var random = new Random(unchecked(seed * 1_000_003 + index * 7_919));
        var persona = (DemoPersona)Pick(random, [10, 30, 40, 20]);
        var customer = DemoProfiles.Create(random, CustomerId(index), index);
        var joined = customer.JoinedAt!.Value;
        var orders = DemoOrders.Create(random, customer.Id, persona, joined);
        var events = DemoEvents.Create(random, customer, persona, joined);
        return new DemoCustomer(customer, orders, events);
    }

    /// <summary>An index drawn with the given relative weights.</summary>
    internal static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>A time between <paramref name="from"/> and <paramref name="to"/>, to the second.</summary>
    internal static DateTime Between(Random random, DateTime from, DateTime to) =>
        to <= from ? from : from.AddSeconds(random.NextInt64((long)(to - from).TotalSeconds));
}
