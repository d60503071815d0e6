namespace RuleEngine.Ingest;

/// <summary>Limits of one ingest request (configuration section <c>RuleEngine:Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "RuleEngine:Ingest";

    /// <summary>Largest request body accepted; larger bodies are answered 413 (split them into several requests).</summary>
    public long MaxBodyBytes { get; set; } = 1L << 30;

    /// <summary>Most rows in one request.</summary>
    public long MaxRows { get; set; } = 2_000_000;

    /// <summary>
    /// Rows validated, checked and written together; one writer commit each. Large on purpose: LiteDB rewrites the
    /// same index pages once per transaction, so bigger transactions write far less (see docs/performance.md).
    /// </summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>Validated rows held in memory before an all-or-nothing request spools to a temp file.</summary>
    public int SpoolMemoryRows { get; set; } = 20_000;

    /// <summary>Row errors listed in a response; <c>rejected</c> still counts all of them.</summary>
    public int MaxReportedErrors { get; set; } = 1_000;
}
