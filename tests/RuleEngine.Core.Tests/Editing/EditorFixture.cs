using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Editing;
using RuleEngine.Rules;
using RuleEngine.Scripting;
using RuleEngine.Tests.Rules;
using RuleEngine.Tests.Rules.Library;

namespace RuleEngine.Tests.Editing;

/// <summary>One editor over the repository's rules/ folder, shared by the editing tests (its workspaces are reused, as in the server).</summary>
public sealed class EditorFixture : IDisposable
{
    public RuleCatalog Catalog { get; }
    public RuleEditor Editor { get; }

    public EditorFixture()
    {
        var options = new RuleEngineOptions { RulesPath = RuleLibrary.Root, DataPath = Path.Combine(Path.GetTempPath(), "ruleengine-editing-tests") };
        Catalog = new RuleCatalog(options, new RuleCompiler(), new InMemoryRuleVersionStore(), [],
            new FakeTimeProvider(), NullLogger<RuleCatalog>.Instance);
        Catalog.SyncAsync().GetAwaiter().GetResult(); // the rules are known, so validate resolves a name to its file as the server does
        Editor = new RuleEditor(Catalog);
    }

    public void Dispose() => Editor.Dispose();
}

/// <summary>Writes a rule with a caret: <c>Caret.Split("SetSegment(Segm|")</c> gives the text and the caret's offset.</summary>
static class Caret
{
    public static (string Text, int Position) Split(string withCaret)
    {
        var position = withCaret.IndexOf('|', StringComparison.Ordinal);
        return (withCaret.Remove(position, 1), position);
    }
}
