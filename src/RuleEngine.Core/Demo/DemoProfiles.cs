using RuleEngine.Domain;

namespace RuleEngine.Demo;

internal static class DemoProfiles
{
    private static readonly string[] Regions = ["Shanghai", "Beijing", "Guangzhou", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan", "Nanjing"];
    private static readonly string[] Channels = ["online_shop", "store", "clinic"];
    private static readonly string[] SkinTypes = ["dry", "oily", "combination", "sensitive"];
    private static readonly string[] Surnames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"];
    private static readonly string[] GivenNames = ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Hua", "Xin", "Tao", "Ying"];

    public static Customer Create(Random random, string id, int index)
    {
        var name = $"{Surnames[random.Next(Surnames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
        // Some join before the demo history starts (long-standing members), most during it.
        var joined = DemoDataGenerator.Between(random, DemoDataGenerator.Since.AddMonths(-12), DemoDataGenerator.Until.AddDays(-7));
        var channel = Channels[DemoDataGenerator.Pick(random, [55, 30, 15])];
        return new Customer
        {
            Id = id,
            Name = name,
            Email = random.Next(10) < 8 ? $"{id}@example.com" : null,
            Phone = random.Next(10) < 9 ? $"+86 138{random.Next(10_000_000, 99_999_999)}" : null,
            Gender = random.Next(10) < 6 ? "female" : "male",
            Birthday = Birthday(random, index),
            Region = Regions[random.Next(Regions.Length)],
            JoinedAt = joined,
            Channel = channel,
            Tags = random.Next(20) == 0 ? ["staff-referral"] : [],
            Attributes = random.Next(3) == 0 ? new Dictionary<string, string> { ["skinType"] = SkinTypes[random.Next(SkinTypes.Length)] } : [],
            Consent = new Dictionary<string, bool> { ["sms"] = random.Next(10) < 7, ["email"] = random.Next(10) < 5, ["marketing"] = random.Next(10) < 6 },
        };
    }

    /// <summary>One in 8 has no birthday registered; every 97th registered one is a leap-day birthday.</summary>
    private static DateOnly? Birthday(Random random, int index)
    {
        if (random.Next(8) == 0) return null;
        if (index % 97 == 0) return new DateOnly(1964 + 4 * random.Next(10), 2, 29);
        return new DateOnly(random.Next(1960, 2006), 1, 1).AddDays(random.Next(365));
    }
}
