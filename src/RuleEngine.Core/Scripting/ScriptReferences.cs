using Microsoft.CodeAnalysis;

namespace RuleEngine.Scripting;

/// <summary>
/// The assemblies rules compile against: the whole shared framework (so that a forbidden API is reported by name,
/// "System.IO.File is not allowed", rather than as an unknown name) plus RuleEngine.Core for the script API.
/// What a rule may actually use is decided by the allow-list, not by this list. Built once per process.
/// </summary>
static class ScriptReferences
{
    static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Build);

    public static IReadOnlyList<MetadataReference> Get() => All.Value;

    static IReadOnlyList<MetadataReference> Build()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkFolder)
            .Where(path => Path.GetFileName(path) is var file
                && (file.StartsWith("System.", StringComparison.Ordinal) || file is "netstandard.dll" or "mscorlib.dll"));
        return framework
            .Append(typeof(ScriptReferences).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }
}
