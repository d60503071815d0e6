using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RuleEngine.Scripting;

/// <summary>Rule files are parsed as C# scripts (top-level code, <c>#load</c>), whatever they compile into.</summary>
static class ScriptParsing
{
    public static readonly CSharpParseOptions Options =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>The generated rule class is ordinary C#.</summary>
    public static readonly CSharpParseOptions Generated =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);
}
