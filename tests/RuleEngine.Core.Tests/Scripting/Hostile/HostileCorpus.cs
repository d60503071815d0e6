namespace RuleEngine.Tests.Scripting.Hostile;

/// <summary>The hostile scripts under Fixtures/hostile; folders starting with '_' hold helpers they #load.</summary>
public static class HostileCorpus
{
    public const string Folder = "hostile";

    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Path.Combine(ScriptFixtures.Folder, Folder), "*.csx", SearchOption.AllDirectories)
            .Select(full => Path.GetRelativePath(ScriptFixtures.Folder, full).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part.StartsWith('_')))
            .Order(StringComparer.Ordinal);

    public static HostileExpectation ExpectationOf(string relativePath) =>
        HostileExpectation.Parse(File.ReadLines(Path.Combine(ScriptFixtures.Folder, relativePath)).First());

    public static TheoryData<string> Where(Func<HostileExpectation, bool> predicate) =>
        new(All().Where(path => predicate(ExpectationOf(path))));
}
