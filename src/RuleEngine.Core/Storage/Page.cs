namespace RuleEngine.Storage;

/// <summary>One page of a list; pass <see cref="NextCursor"/> back to get the next page (null: this was the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public static Page<T> Empty { get; } = new([], null);
}

/// <summary>How many items to return and where to continue; cursors are opaque to callers.</summary>
public sealed record PageRequest(int Limit = PageRequest.DefaultLimit, string? Cursor = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The limit clamped to 1..<see cref="MaxLimit"/>.</summary>
    public int SafeLimit => Math.Clamp(Limit, 1, MaxLimit);
}
