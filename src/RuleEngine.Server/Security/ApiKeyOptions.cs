namespace RuleEngine.Server.Security;

/// <summary>The <c>RuleEngine:ApiKeys</c> list (see docs/operations.md).</summary>
public sealed class ApiKeyOptions
{
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>One configured key: either <see cref="Key"/> (plain, for development) or <see cref="KeyHash"/>.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>Who uses the key; becomes the actor recorded for every request made with it.</summary>
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string? Key { get; set; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 key.</summary>
    public string? KeyHash { get; set; }
}
