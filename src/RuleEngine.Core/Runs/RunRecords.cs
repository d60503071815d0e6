namespace RuleEngine.Runs;

/// <summary>A line of a run's log, stored with the run so that auditors can read it later.</summary>
public sealed record RunLogLine(string RunId, long Sequence, DateTime At, string Level, string Message, string? CustomerId = null);

/// <summary>
/// One change a run made for one customer (or, in a dry run, would make): <see cref="Type"/> is segment, score, tag,
/// points, task or task_cancel; <see cref="Target"/> the segment kind, score name, tag, points key or task key.
/// In a preview a record is one difference between the versions: <see cref="Live"/> and <see cref="Draft"/> are the
/// value each leaves (null: no change), with each one's explanation; <see cref="From"/>/<see cref="To"/> repeat them.
/// </summary>
public sealed record RunOutcomeRecord(
    string RunId, long Sequence, string CustomerId, string Type, string Target, string? From, string? To, string? Because,
    string? Live = null, string? Draft = null, string? LiveBecause = null, string? DraftBecause = null);
