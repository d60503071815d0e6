namespace RuleEngine.Server.Tests.TestHost;

/// <summary>This repository's checkout, found above the test binaries: for tests that use the shipped rules folder.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The shipped rule library (<c>rules/</c>).</summary>
    public static string Rules => Path.Combine(Root, "rules");

    /// <summary>Copies the shipped rule library into <paramref name="target"/> (which a test may then change freely).</summary>
    public static void CopyRulesTo(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RuleEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("RuleEngine.sln not found above the test binaries.");
    }
}
