namespace RuleEngine.Runs;

/// <summary>A line of a run's log, stored with the run so that auditors can read it later.</summary>
public sealed record RunLogLine(string RunId, long Sequence, DateTime At, string Level, string Message, string? CustomerId = null);

/// <summary>
/// One change a run made for one customer (or, in a dry run, would make): <see cref="Type"/> is segment, score, tag,
/// points, task or task_cancel; <see cref="Target"/> the segment kind, score name, tag, points key or task key.
/// </summary>
public sealed record RunOutcomeRecord(
    string RunId, long Sequence, string CustomerId, string Type, string Target, string? From, string? To, string? Because);
