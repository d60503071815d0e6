using RuleEngine.Rules;
using RuleEngine.Scripting;

namespace RuleEngine.Tests.Rules;

/// <summary>A bad edit never replaces what runs; a fix does; a deleted file deactivates the rule.</summary>
public class HotReloadTests : IDisposable
{
    readonly CatalogFolder _folder = new();

    [Fact]
    public async Task Good_then_broken_then_fixed_keeps_the_last_good_version_running()
    {
        var catalog = _folder.NewCatalog();
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        await catalog.SyncAsync();
        var good = catalog.Find("grade")!;
        Assert.Equal(RuleStatus.Active, good.Status);

        _folder.Write("grade.csx", "// kind: segmentation\nSetSegment(\"grade\", ;\n");
        await catalog.SyncAsync();
        var broken = catalog.Find("grade")!;
        Assert.Equal(RuleStatus.Active, broken.Status);
        Assert.Same(good.Active, broken.Active);
        Assert.NotNull(broken.Pending);
        Assert.Contains(broken.Diagnostics, d => d.IsError && d.Path == "grade.csx" && d.Line == 2);

        _folder.Write("grade.csx", CatalogFolder.Rule("B"));
        await catalog.SyncAsync();
        var fixedState = catalog.Find("grade")!;
        Assert.Equal(RuleStatus.Active, fixedState.Status);
        Assert.Null(fixedState.Pending);
        Assert.NotEqual(good.Active!.Hash, fixedState.Active!.Hash);
        Assert.Equal(3, _folder.Versions.ListVersions("grade").Count);
        Assert.Equal([true, false, true], _folder.Versions.ListVersions("grade").OrderBy(v => v.CreatedAt).Select(v => v.Good));
    }

    [Fact]
    public async Task Rule_that_never_compiled_is_invalid()
    {
        var catalog = _folder.NewCatalog();
        _folder.Write("bad.csx", "// kind: reward\nint x = \"no\";\n");

        await catalog.SyncAsync();

        var state = catalog.Find("bad")!;
        Assert.Equal(RuleStatus.Invalid, state.Status);
        Assert.Null(state.Active);
    }

    [Fact]
    public async Task Deleting_the_file_deactivates_the_rule_and_recreating_it_activates_it()
    {
        var catalog = _folder.NewCatalog();
        var changes = new List<RuleChange>();
        catalog.Changed += changes.Add;
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        await catalog.SyncAsync();

        _folder.Delete("grade.csx");
        await catalog.SyncAsync();
        Assert.Equal(RuleStatus.Disabled, catalog.Find("grade")!.Status);
        Assert.Null(catalog.Find("grade")!.Active);

        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        await catalog.SyncAsync();
        Assert.Equal(RuleStatus.Active, catalog.Find("grade")!.Status);
        Assert.Equal([RuleStatus.Active, RuleStatus.Disabled, RuleStatus.Active], changes.Select(c => c.After.Status));
    }

    [Fact]
    public async Task Changing_a_shared_helper_recompiles_the_rules_that_load_it_and_only_those()
    {
        var catalog = _folder.NewCatalog();
        _folder.Write("_shared/grades.csx", "string Best() => \"A\";\n");
        _folder.Write("uses.csx", "// kind: segmentation\n#load \"_shared/grades.csx\"\nSetSegment(\"grade\", Best(), \"b\");\n");
        _folder.Write("other.csx", CatalogFolder.Rule("C"));
        await catalog.SyncAsync();
        var before = catalog.Find("uses")!.Active!.Hash;

        _folder.Write("_shared/grades.csx", "string Best() => \"A+\";\n");
        var report = await catalog.SyncAsync();

        Assert.Equal(["uses"], report.Considered.Select(s => s.Name));
        Assert.NotEqual(before, catalog.Find("uses")!.Active!.Hash);
    }

    [Fact]
    public async Task Broken_helper_keeps_dependents_on_their_last_good_version()
    {
        var catalog = _folder.NewCatalog();
        _folder.Write("_shared/grades.csx", "string Best() => \"A\";\n");
        _folder.Write("uses.csx", "// kind: segmentation\n#load \"_shared/grades.csx\"\nSetSegment(\"grade\", Best(), \"b\");\n");
        await catalog.SyncAsync();

        _folder.Write("_shared/grades.csx", "string Best() => 42;\n");
        await catalog.SyncAsync();

        var state = catalog.Find("uses")!;
        Assert.Equal(RuleStatus.Active, state.Status);
        Assert.Contains(state.Diagnostics, d => d.IsError && d.Path == "_shared/grades.csx" && d.Line == 1);
    }

    [Fact]
    public async Task After_a_restart_a_broken_file_runs_its_last_good_version_from_the_store()
    {
        var first = _folder.NewCatalog();
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        await first.SyncAsync();
        var goodHash = first.Find("grade")!.Active!.Hash;
        _folder.Write("grade.csx", "// kind: segmentation\nthis does not compile\n");

        var restarted = _folder.NewCatalog();
        await restarted.SyncAsync();

        var state = restarted.Find("grade")!;
        Assert.Equal(RuleStatus.Active, state.Status);
        Assert.Equal(goodHash, state.Active!.Hash);
        Assert.NotNull(state.Pending);
    }

    [Fact]
    public async Task After_a_restart_rules_load_from_the_compile_cache()
    {
        var first = _folder.NewCatalog();
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        _folder.Write("tier.csx", CatalogFolder.Rule("gold"));
        await first.SyncAsync();

        var compiler = new RuleCompiler(new CompileCache(Path.Combine(_folder.Options.FullDataPath, "compile-cache")));
        var (sources, _) = new RuleSourceReader(_folder.Options.FullRulesPath).Read("grade.csx");
        var again = compiler.Compile(sources);

        Assert.True(again.FromCache);
        Assert.True(again.Succeeded);
    }

    [Fact]
    public async Task Two_files_with_the_same_rule_name_keep_the_first()
    {
        var catalog = _folder.NewCatalog();
        _folder.Write("a/grade.csx", CatalogFolder.Rule("A"));
        _folder.Write("b/grade.csx", CatalogFolder.Rule("B"));

        await catalog.SyncAsync();

        Assert.Equal("a/grade.csx", Assert.Single(catalog.Rules).Path);
    }

    [Fact]
    public async Task A_failing_version_check_keeps_the_version_pending()
    {
        var catalog = _folder.NewCatalog(new RejectAll());
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));

        await catalog.SyncAsync();

        var state = catalog.Find("grade")!;
        Assert.Equal(RuleStatus.Invalid, state.Status);
        Assert.Contains(state.Diagnostics, d => d.Id == RuleDiagnosticIds.TestFailed);
    }

    [Fact]
    public async Task Watcher_picks_up_an_edit_without_an_explicit_sync()
    {
        var catalog = _folder.NewCatalog();
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        await catalog.SyncAsync();
        var before = catalog.Find("grade")!.Active!.Hash;
        using var watcher = new RuleFolderWatcher(catalog.RulesRoot, () => catalog.SyncAsync(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        _folder.Write("grade.csx", CatalogFolder.Rule("B"));

        await Eventually(() => catalog.Find("grade")!.Active!.Hash != before);
    }

    static async Task Eventually(Func<bool> condition)
    {
        // Waits for an asynchronous effect; the generous bound only avoids hanging the suite on failure.
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition());
    }

    sealed class RejectAll : IRuleVersionCheck
    {
        public IReadOnlyList<RuleDiagnostic> Check(RuleCompilation compilation, RuleEngine.Scripting.Loading.LoadedRule rule) =>
            [RuleDiagnostic.Error(RuleDiagnosticIds.TestFailed, "expected A, got B", compilation.Sources.Main.Path)];
    }

    public void Dispose() => _folder.Dispose();
}
