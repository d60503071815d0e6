using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Editing;

/// <summary>
/// One Roslyn workspace holding one rule being edited, as a script submission whose host object is
/// <see cref="RuleScript"/>: the script API's members are in scope the way the code generator makes them visible
/// (the generated class derives from it), with the same references, default usings and compile options as the rule
/// compiler. Built once and reused: each call replaces the document's text, so Roslyn keeps what it already bound
/// (the references above all). Not thread-safe: <see cref="EditingWorkspacePool"/> hands each caller its own.
/// </summary>
sealed class EditingWorkspace : IDisposable
{
    readonly AdhocWorkspace _workspace = new();
    readonly DocumentId _documentId;
    Solution _solution;

    public EditingWorkspace()
    {
        var projectId = ProjectId.CreateNewId();
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), "rule", "rule", LanguageNames.CSharp,
            compilationOptions: Options(LoadedFilesResolver.Empty), parseOptions: ScriptParsing.Options,
            metadataReferences: ScriptReferences.Get(), isSubmission: true, hostObjectType: typeof(RuleScript));
        _documentId = DocumentId.CreateNewId(projectId);
        _solution = _workspace.CurrentSolution.AddProject(project)
            .AddDocument(DocumentInfo.Create(_documentId, "draft.csx", sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(""), VersionStamp.Create())), filePath: "/draft.csx"));
    }

    /// <summary>The rule's text at <paramref name="fullPath"/>, its <c>#load</c>s resolved by <paramref name="loads"/>.</summary>
    public Document Update(string text, string fullPath, LoadedFilesResolver loads)
    {
        var solution = _solution.WithDocumentText(_documentId, SourceText.From(text));
        if (solution.GetDocument(_documentId)!.FilePath != fullPath) solution = solution.WithDocumentFilePath(_documentId, fullPath);
        var project = solution.GetProject(_documentId.ProjectId)!;
        if (!Equals(project.CompilationOptions!.SourceReferenceResolver, loads))
            solution = solution.WithProjectCompilationOptions(project.Id, Options(loads));
        _solution = solution;
        return solution.GetDocument(_documentId)!;
    }

    /// <summary>The rule compiler's options for a script submission: default usings imported, #load through the rules folder.</summary>
    static CompilationOptions Options(LoadedFilesResolver loads) => RuleCompiler.CompilationOptions
        .WithUsings(RuleCodeGenerator.DefaultUsings)
        .WithSourceReferenceResolver(loads);

    public void Dispose() => _workspace.Dispose();
}
