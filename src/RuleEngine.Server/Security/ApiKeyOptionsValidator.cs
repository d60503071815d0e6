using Microsoft.Extensions.Options;

namespace RuleEngine.Server.Security;

/// <summary>Refuses to start with a key that could never work or would be ambiguous, naming the entry.</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
            errors.AddRange(Problems(options.ApiKeys[i]).Select(problem => $"RuleEngine:ApiKeys:{i}: {problem}"));

        foreach (var duplicate in options.ApiKeys.GroupBy(k => k.Name).Where(g => g.Key.Length > 0 && g.Count() > 1))
            errors.Add($"RuleEngine:ApiKeys: the name '{duplicate.Key}' is used by {duplicate.Count()} keys; names identify actors and must be unique.");

        var hashes = options.ApiKeys.Where(k => Problems(k).Count == 0).Select(ApiKeyHash.Of).ToList();
        if (hashes.Distinct(StringComparer.Ordinal).Count() != hashes.Count)
            errors.Add("RuleEngine:ApiKeys: two entries have the same key; every key must be different.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static List<string> Problems(ApiKeyEntry entry)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(entry.Name)) problems.Add("Name is missing.");
        if (!Roles.All.Contains(entry.Role))
            problems.Add($"Role '{entry.Role}' is unknown; use one of: {string.Join(", ", Roles.All)}.");

        var hasKey = !string.IsNullOrEmpty(entry.Key);
        var hasHash = !string.IsNullOrEmpty(entry.KeyHash);
        if (hasKey == hasHash) problems.Add("set exactly one of Key (plain) or KeyHash (SHA-256).");
        else if (hasHash && !ApiKeyHash.IsWellFormed(entry.KeyHash!))
            problems.Add("KeyHash must be 64 lowercase hex characters (the SHA-256 of the key, e.g. from `printf %s KEY | sha256sum`).");
        return problems;
    }
}
