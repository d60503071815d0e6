using Microsoft.CodeAnalysis;

namespace RuleEngine.Scripting;

/// <summary>
/// The assemblies rules compile against: the whole shared framework (so that a forbidden API is reported by name,
/// "System.IO.File is not allowed", rather than as an unknown name) plus RuleEngine.Core for the script API.
/// What a rule may actually use is decided by the allow-list, not by this list. Built once per process.
/// RuleEngine.Core comes with its XML documentation (RuleEngine.Core.xml beside the dll, see the csproj), so that
/// the editor's completion and hover and the script API reference show the docs analysts write against.
/// </summary>
static class ScriptReferences
{
    static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Build);

    public static IReadOnlyList<MetadataReference> Get() => All.Value;

    static string CorePath => typeof(ScriptReferences).Assembly.Location;

    /// <summary>Where the script API's XML docs are expected at run time.</summary>
    public static string CoreDocumentationPath => Path.ChangeExtension(CorePath, ".xml");

    static DocumentationProvider? CoreDocumentation() =>
        File.Exists(CoreDocumentationPath) ? XmlDocumentationProvider.CreateFromFile(CoreDocumentationPath) : null;

    static IReadOnlyList<MetadataReference> Build()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkFolder)
            .Where(path => Path.GetFileName(path) is var file
                && (file.StartsWith("System.", StringComparison.Ordinal) || file is "netstandard.dll" or "mscorlib.dll"));
        return framework
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(CorePath, documentation: CoreDocumentation()))
            .ToList();
    }
}
