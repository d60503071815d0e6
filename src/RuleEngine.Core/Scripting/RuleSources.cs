using System.Security.Cryptography;
using System.Text;

namespace RuleEngine.Scripting;

/// <summary>One file of a rule: its path relative to the rules folder (forward slashes) and its text.</summary>
public sealed record RuleFile(string Path, string Content);

/// <summary>
/// Everything one rule version compiles from: the rule file and the helper files it <c>#load</c>s.
/// <see cref="Hash"/> identifies the version: change any of these files and it is a new version.
/// </summary>
public sealed record RuleSources(RuleFile Main, IReadOnlyList<RuleFile> Loaded)
{
    public string Hash { get; } = ComputeHash(Main, Loaded);

    public IEnumerable<RuleFile> All => Loaded.Prepend(Main);

    public IReadOnlyDictionary<string, string> LoadedByPath =>
        Loaded.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

    public static RuleSources FromText(string relativePath, string content) => new(new RuleFile(relativePath, content), []);

    static string ComputeHash(RuleFile main, IReadOnlyList<RuleFile> loaded)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in loaded.OrderBy(f => f.Path, StringComparer.Ordinal).Prepend(main))
        {
            // Length-prefixed so that no two different file sets can produce the same byte stream.
            foreach (var part in new[] { file.Path, file.Content })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                sha.AppendData(BitConverter.GetBytes(bytes.Length));
                sha.AppendData(bytes);
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
