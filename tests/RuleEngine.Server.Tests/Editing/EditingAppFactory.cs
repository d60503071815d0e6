using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Editing;

/// <summary>The server over a copy of the repository's rules/ folder, so the editing calls meet the real rule library.</summary>
public sealed class EditingAppFactory : RuleEngineAppFactory
{
    public static string RepositoryRules { get; } = Repository.Rules;

    public EditingAppFactory()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryRules, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(RulesPath, Path.GetRelativePath(RepositoryRules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static IEnumerable<string> RulePaths => Directory.EnumerateFiles(RepositoryRules, "*.csx", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(RepositoryRules, p).Replace('\\', '/'))
        .Where(p => !p.StartsWith('_')).Order(StringComparer.Ordinal);
}
