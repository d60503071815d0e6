namespace RuleEngine.Reliability.Load;

/// <summary>How long and how hard the load test drives the server.</summary>
public sealed record LoadSettings(string ServerDll, TimeSpan Duration, int Clients, int Customers)
{
    /// <summary>
    /// Traffic before the measured window, not counted: a fresh process spends its first minute or so JIT-compiling every
    /// path, loading Roslyn for the first rule compile and filling LiteDB's page cache, and its memory rises meanwhile.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most by which the last quarter of the window's RSS may exceed the first quarter's for memory to count as stable.</summary>
    public double MemoryTolerance { get; init; } = 0.10;

    /// <summary>Each request gives up after this long, so that the test always ends (a timeout counts as an error).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Resident memory is read from /proc this often.</summary>
    public TimeSpan MemoryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Only the mix's GET requests (reads alone, against the seeded data).</summary>
    public bool ReadsOnly { get; init; }

    /// <summary>Extra server settings (environment variables such as <c>RuleEngine__Triggers__Enabled=false</c>).</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Speed the run must reach to pass; null (the CI smoke run) checks errors and memory only.</summary>
    public LoadGoals? Goals { get; init; }

    /// <summary>A ceiling on requests per client, so the loop is bounded in count as well as in time.</summary>
    public int MaxRequestsPerClient { get; init; } = 200_000;
}
