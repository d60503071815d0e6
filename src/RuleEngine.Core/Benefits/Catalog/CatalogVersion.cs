namespace RuleEngine.Benefits.Catalog;

/// <summary>One version of <c>catalog.json</c> exactly as read, whether it validated (<see cref="Good"/>) or not.</summary>
public sealed record CatalogVersion
{
    /// <summary>Lowercase hex SHA-256 of the file's text.</summary>
    public required string Hash { get; init; }
    public required string Content { get; init; }
    public required DateTime CreatedAt { get; init; }
    /// <summary><c>file</c> (an edit in the rules folder) or <c>api</c>.</summary>
    public required string Source { get; init; }
    public required string Actor { get; init; }
    public required bool Good { get; init; }
}
