namespace RuleEngine.Browser.Tests.Support;

/// <summary>Paths in the repository this test assembly was built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where the tests keep their screenshots, referenced by the docs.</summary>
    public static string Screenshots => Path.Combine(Root, "docs", "screenshots");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RuleEngine.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("RuleEngine.sln not found above " + AppContext.BaseDirectory);
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
