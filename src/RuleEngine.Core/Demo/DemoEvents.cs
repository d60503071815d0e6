using System.Globalization;
using RuleEngine.Domain;

namespace RuleEngine.Demo;

internal static class DemoEvents
{
    /// <summary>The prescription lengths the clinic callback schedules know (days).</summary>
    public static readonly int[] PrescriptionDays = [7, 10, 14, 21, 30, 60];

    public static List<InteractionEvent> Create(Random random, Customer customer, DemoPersona persona, DateTime joined)
    {
        var from = joined > DemoDataGenerator.Since ? joined : DemoDataGenerator.Since;
        var to = DemoDataGenerator.Until;
        var events = new List<InteractionEvent>();
        void Add(string type, DateTime at, Dictionary<string, string>? properties = null) => events.Add(new InteractionEvent
        {
            Id = $"e{customer.Id[1..]}-{events.Count:D4}", CustomerId = customer.Id, Type = type, At = at, Properties = properties ?? [],
        });

        SignInStreaks(random, persona, from, to, Add);
        if (customer.Channel == "clinic" || random.Next(10) == 0)
            for (var v = random.Next(1, 5); v > 0; v--)
                Add(EventTypes.Visit, DemoDataGenerator.Between(random, from, to),
                    new() { ["prescriptionDays"] = PrescriptionDays[random.Next(PrescriptionDays.Length)].ToString(CultureInfo.InvariantCulture) });
        if (random.Next(20) == 0)
            Add(EventTypes.Complaint, DemoDataGenerator.Between(random, from, to), new() { ["topic"] = random.Next(2) == 0 ? "delivery" : "product" });
        if (random.Next(5) == 0)
            Add(EventTypes.Survey, DemoDataGenerator.Between(random, from, to),
                new() { ["satisfaction"] = random.Next(1, 6).ToString(CultureInfo.InvariantCulture) });
        foreach (var type in new[] { EventTypes.FollowShop, EventTypes.Favorite, EventTypes.AddToCart })
            if (random.Next(10) < 3) Add(type, DemoDataGenerator.Between(random, from, to));
        events.Sort((a, b) => a.At.CompareTo(b.At));
        return events;
    }

    /// <summary>Daily check-ins come in runs of consecutive days, the streaks sign-in rewards count.</summary>
    private static void SignInStreaks(Random random, DemoPersona persona, DateTime from, DateTime to, Action<string, DateTime, Dictionary<string, string>?> add)
    {
        var streaks = persona switch { DemoPersona.Heavy => random.Next(3, 8), DemoPersona.Regular => random.Next(1, 4), _ => random.Next(0, 2) };
        for (var s = 0; s < streaks; s++)
        {
            var start = DemoDataGenerator.Between(random, from, to).Date;
            var length = random.Next(1, 11);
            for (var day = 0; day < length && start.AddDays(day) < to; day++)
                add(EventTypes.SignIn, start.AddDays(day).AddMinutes(random.Next(8 * 60, 22 * 60)), null);
        }
    }
}
