namespace RuleEngine.Demo;

/// <summary>The demo data set (configuration section <c>RuleEngine:Demo</c>); seeded when <c>RuleEngine:SeedDemoData</c> is true.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "RuleEngine:Demo";

    /// <summary>Customers to generate, 100 to 1,000,000.</summary>
    public int Customers { get; set; } = 3_000;

    /// <summary>The same seed always gives the same data.</summary>
    public int Seed { get; set; } = DemoDataGenerator.DefaultSeed;
}
