namespace RuleEngine.Demo;

/// <summary>Whether this start of the server filled the database with demo data (then the rules run once over it).</summary>
public sealed class DemoSeedStatus
{
    public bool SeededThisStart { get; set; }
}
