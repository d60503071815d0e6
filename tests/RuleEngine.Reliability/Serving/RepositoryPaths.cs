namespace RuleEngine.Reliability.Serving;

/// <summary>Folders of the repository this tool was built from (found from its own assembly, as ServerProcess finds the server).</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RuleEngine.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("RuleEngine.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Rules => Path.Combine(Root(), "rules");
}
