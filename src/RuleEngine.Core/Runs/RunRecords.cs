namespace RuleEngine.Runs;

/// <summary>A line of a run's log, stored with the run so that auditors can read it later.</summary>
public sealed record RunLogLine(string RunId, long Sequence, DateTime At, string Level, string Message, string? CustomerId = null);

/// <summary>One outcome a run produced for one customer, applied or (in a dry run) only computed.</summary>
public sealed record RunOutcomeRecord(
    string RunId, long Sequence, string CustomerId, string Type, string Target, string? Value, string Because, bool Changed);
