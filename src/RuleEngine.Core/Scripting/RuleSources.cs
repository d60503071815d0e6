using System.Security.Cryptography;
using System.Text;

namespace RuleEngine.Scripting;

/// <summary>One file of a rule: its path relative to the rules folder (forward slashes) and its text.</summary>
public sealed record RuleFile(string Path, string Content);

/// <summary>
/// Everything one rule version is made of: the rule file, the helper files it <c>#load</c>s and, optionally, its
/// given/expect tests (<c>name.tests.json</c> beside the rule). <see cref="Hash"/> identifies the version: change
/// any of these files and it is a new version. The tests are part of the version (a changed test must be run
/// and may reject the rule) but are never compiled.
/// </summary>
public sealed record RuleSources(RuleFile Main, IReadOnlyList<RuleFile> Loaded, RuleFile? Tests = null)
{
    /// <summary>How a rule's tests file is named: <c>rewards/daily-signin.csx</c> → <c>rewards/daily-signin.tests.json</c>.</summary>
    public const string TestsSuffix = ".tests.json";

    public string Hash { get; } = ComputeHash(Main, Loaded, Tests);

    public IEnumerable<RuleFile> All => Loaded.Prepend(Main);

    public IReadOnlyDictionary<string, string> LoadedByPath =>
        Loaded.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

    /// <summary>The files kept with a version besides the rule file: the loaded helpers and the tests file.</summary>
    public IReadOnlyDictionary<string, string> FilesBesideMain =>
        (Tests is null ? Loaded : Loaded.Append(Tests)).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

    public static RuleSources FromText(string relativePath, string content) => new(new RuleFile(relativePath, content), []);

    /// <summary>A kept version again (see <see cref="FilesBesideMain"/>): the tests file is recognised by its name.</summary>
    public static RuleSources FromStored(string path, string content, IReadOnlyDictionary<string, string> besideMain)
    {
        var files = besideMain.Select(f => new RuleFile(f.Key, f.Value)).ToList();
        var testsPath = TestsPathFor(path);
        return new RuleSources(new RuleFile(path, content),
            files.Where(f => f.Path != testsPath).ToList(), files.FirstOrDefault(f => f.Path == testsPath));
    }

    /// <summary>The tests file of the rule at <paramref name="rulePath"/> (relative, forward slashes).</summary>
    public static string TestsPathFor(string rulePath) =>
        (rulePath.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) ? rulePath[..^4] : rulePath) + TestsSuffix;

    static string ComputeHash(RuleFile main, IReadOnlyList<RuleFile> loaded, RuleFile? tests)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Length-prefixed so that no two different file sets can produce the same byte stream.
        void Append(string part)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            sha.AppendData(BitConverter.GetBytes(bytes.Length));
            sha.AppendData(bytes);
        }
        foreach (var file in loaded.OrderBy(f => f.Path, StringComparer.Ordinal).Prepend(main))
        {
            Append(file.Path);
            Append(file.Content);
        }
        // Without tests the hash is what it always was, so versions kept before tests existed keep their identity;
        // the marker keeps a tests file from ever hashing like a loaded helper.
        if (tests is not null)
        {
            Append("\0tests");
            Append(tests.Path);
            Append(tests.Content);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
