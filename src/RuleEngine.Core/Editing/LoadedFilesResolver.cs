using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RuleEngine.Editing;

/// <summary>
/// Resolves the editor's <c>#load</c> directives to exactly the files <see cref="Scripting.RuleSourceReader"/> read
/// for the same text (same folder checks, no links, nothing outside the rules folder), held in memory. A directive
/// the reader refused resolves to nothing, as it compiles to nothing.
/// </summary>
sealed class LoadedFilesResolver(IReadOnlyDictionary<string, string> filesByFullPath) : SourceReferenceResolver
{
    readonly IReadOnlyDictionary<string, string> _files = filesByFullPath;

    public static LoadedFilesResolver Empty { get; } = new(new Dictionary<string, string>());

    public override string? NormalizePath(string path, string? baseFilePath) => ResolveReference(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        if (baseFilePath is null || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Path.IsPathRooted(path)) return null;
        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(baseFilePath) ?? "", path));
        return _files.ContainsKey(full) ? full : null;
    }

    public override Stream OpenRead(string resolvedPath) =>
        new MemoryStream(Encoding.UTF8.GetBytes(_files[resolvedPath]), writable: false);

    public override SourceText ReadText(string resolvedPath) => SourceText.From(_files[resolvedPath], Encoding.UTF8);

    public override bool Equals(object? other) =>
        other is LoadedFilesResolver o && o.Count == Count
        && _files.All(f => o._files.TryGetValue(f.Key, out var text) && text == f.Value);

    int Count => _files.Count;

    public override int GetHashCode() => _files.Keys.Order(StringComparer.Ordinal)
        .Aggregate(Count, (hash, path) => HashCode.Combine(hash, path));
}
