using RuleEngine.Runs;

namespace RuleEngine.Cluster;

/// <summary>
/// One part of a partitioned run: the customers with ids after <see cref="FromId"/> (null: from the first) up to and
/// including <see cref="ToId"/> (null: to the last). <see cref="Checkpoint"/> is the last customer of the last page
/// whose outcomes are applied; <see cref="Processed"/> and <see cref="Counts"/> are the range's figures up to it.
/// </summary>
public sealed record RunRange(
    string RunId, int Seq, string? FromId, string? ToId, long Customers, RangeStatus Status,
    string? Node, DateTime? LeaseUntil, int Attempts, string? Checkpoint, long Processed, RunCounts Counts, string? Error)
{
    public bool IsOpen => Status is RangeStatus.Pending or RangeStatus.Running;

    /// <summary>Where a claim resumes: after the checkpoint, or after the range's start.</summary>
    public string? ResumeAfter => Checkpoint ?? FromId;
}

public enum RangeStatus { Pending, Running, Done, Failed, Cancelled }

/// <summary>A server of the cluster as its heartbeats show it.</summary>
public sealed record ClusterNodeState(string Id, string Host, int Pid, DateTime StartedAt, DateTime LastSeen);
