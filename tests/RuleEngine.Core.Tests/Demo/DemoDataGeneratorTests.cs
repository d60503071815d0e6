using RuleEngine.Demo;
using RuleEngine.Domain;

namespace RuleEngine.Tests.Demo;

public class DemoDataGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_data_and_customer_n_does_not_depend_on_the_size()
    {
        var small = new DemoDataGenerator(7).Generate(100).ToList();
        var large = new DemoDataGenerator(7).Generate(300).Take(100).ToList();
        var other = new DemoDataGenerator(8).Generate(100).ToList();

        Assert.Equal(small.Select(Fingerprint), large.Select(Fingerprint));
        Assert.NotEqual(small.Select(Fingerprint), other.Select(Fingerprint));
    }

    private static string Fingerprint(DemoCustomer c) =>
        $"{c.Customer.Id}|{c.Customer.Name}|{c.Customer.Birthday}|{string.Join(',', c.Orders.Select(o => $"{o.Id}:{o.Amount}:{o.At:O}"))}|{string.Join(',', c.Events.Select(e => $"{e.Type}:{e.At:O}"))}";

    [Fact]
    public void The_data_has_what_the_rule_library_needs()
    {
        var data = new DemoDataGenerator().Generate(2_000).ToList();
        var orders = data.SelectMany(c => c.Orders).ToList();
        var events = data.SelectMany(c => c.Events).ToList();

        Assert.Contains(data, c => c.Customer.Birthday is { Month: 2, Day: 29 });
        Assert.Contains(orders, o => o.Status == OrderStatus.Refunded && o.RefundedAt > o.At);
        Assert.All(orders, o => Assert.InRange(o.At, DemoDataGenerator.Since, DemoDataGenerator.Until));
        var visits = events.Where(e => e.Type == EventTypes.Visit).ToList();
        Assert.Equal([7, 10, 14, 21, 30, 60], visits.Select(v => int.Parse(v.Properties["prescriptionDays"])).Distinct().Order());
        foreach (var type in new[] { EventTypes.Complaint, EventTypes.Survey, EventTypes.FollowShop, EventTypes.Favorite, EventTypes.AddToCart })
            Assert.Contains(events, e => e.Type == type);
        Assert.Contains(data, HasSignInStreakOf3);
        // Lapsed customers exist: bought before, nothing in the last 6 months.
        Assert.Contains(data, c => c.Orders.Count > 0 && c.Orders.Max(o => o.At) < DemoDataGenerator.Until.AddMonths(-6));
        Assert.Equal(orders.Count, orders.Select(o => o.Id).Distinct().Count());
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    private static bool HasSignInStreakOf3(DemoCustomer c)
    {
        var days = c.Events.Where(e => e.Type == EventTypes.SignIn).Select(e => DateOnly.FromDateTime(e.At)).ToHashSet();
        return days.Any(d => days.Contains(d.AddDays(1)) && days.Contains(d.AddDays(2)));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1_000_001)]
    public void Sizes_outside_100_to_a_million_are_refused(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataGenerator().Generate(size).First());
}
