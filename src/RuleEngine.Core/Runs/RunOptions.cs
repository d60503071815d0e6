namespace RuleEngine.Runs;

/// <summary>The <c>RuleEngine:Runs</c> configuration section.</summary>
public sealed class RunOptions
{
    public const string Section = "RuleEngine:Runs";

    /// <summary>Customers read, evaluated and applied together (one storage transaction per page).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How long one customer's evaluation may take before the guards stop it.</summary>
    public TimeSpan CustomerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The run fails once more than this share of evaluated customers failed...</summary>
    public double MaxErrorRatio { get; set; } = 0.05;

    /// <summary>...counted from this many evaluated customers on (a few early failures say little).</summary>
    public int ErrorRatioMinimumCustomers { get; set; } = 100;

    /// <summary>How many affected customers a dry run's impact shows with their explanations.</summary>
    public int ImpactSampleSize { get; set; } = 20;

    /// <summary>Runs that may execute at once (never two of one rule).</summary>
    public int MaxConcurrentRuns { get; set; } = 2;
}
