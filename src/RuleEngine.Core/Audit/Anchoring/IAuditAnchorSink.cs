namespace RuleEngine.Audit.Anchoring;

/// <summary>A place outside the database that keeps anchors: the log, the anchor file, a URL.</summary>
public interface IAuditAnchorSink
{
    /// <summary>Names the sink in warnings when it fails.</summary>
    string Name { get; }

    /// <summary>Keeps the anchor; throws when it could not (the anchor service tries again at the next interval).</summary>
    Task WriteAsync(AuditAnchor anchor, CancellationToken cancellationToken);
}

/// <summary>Anchors noted earlier, in the order they were noted, for verification.</summary>
public interface IAuditAnchorSource
{
    IEnumerable<AuditAnchor> ReadAnchors();
}
