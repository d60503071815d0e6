using RuleEngine.Rules;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;

namespace RuleEngine.Tests.Rules.Testing;

/// <summary>The catalog with the tests check: a version whose tests fail never becomes the one that runs.</summary>
public class RuleTestsActivationTests : IDisposable
{
    readonly CatalogFolder _folder = new();
    readonly RuleTestsCheck _check = new();

    const string ExpectA = """{ "now": "2026-11-22T08:00:00Z", "cases": [ { "name": "always A", "expect": [ { "segment": "grade", "value": "A" } ] } ] }""";

    [Fact]
    public async Task A_version_whose_tests_fail_stays_pending_and_the_last_good_one_keeps_running()
    {
        var catalog = _folder.NewCatalog(_check);
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        _folder.Write("grade.tests.json", ExpectA);
        await catalog.SyncAsync();
        var good = catalog.Find("grade")!;
        Assert.Equal(RuleStatus.Active, good.Status);
        Assert.True(_check.ResultsOf("grade", good.LatestHash).Single().Passed);

        _folder.Write("grade.csx", CatalogFolder.Rule("B"));
        await catalog.SyncAsync();

        var state = catalog.Find("grade")!;
        Assert.Same(good.Active, state.Active);
        var error = Assert.Single(state.Pending!.Diagnostics, d => d.IsError);
        Assert.Equal((RuleDiagnosticIds.TestFailed, "grade.tests.json", 1), (error.Id, error.Path, error.Line));
        Assert.Contains("expected segment grade = A", error.Message);
        Assert.False(_check.ResultsOf("grade", state.LatestHash).Single().Passed);
        Assert.False(_folder.Versions.FindVersion("grade", state.LatestHash)!.Good);
    }

    [Fact]
    public async Task Changing_only_the_tests_file_reconsiders_the_rule()
    {
        var catalog = _folder.NewCatalog(_check);
        _folder.Write("grade.csx", CatalogFolder.Rule("B"));
        await catalog.SyncAsync();
        Assert.Equal(RuleStatus.Active, catalog.Find("grade")!.Status); // no tests yet: nothing to fail

        _folder.Write("grade.tests.json", ExpectA);
        var report = await catalog.SyncAsync();

        Assert.Equal("grade", Assert.Single(report.Considered).Name);
        Assert.NotNull(catalog.Find("grade")!.Pending);
        Assert.Contains("grade.tests.json", _folder.Versions.FindVersion("grade", catalog.Find("grade")!.LatestHash)!.LoadedFiles.Keys);
    }

    [Fact]
    public async Task A_malformed_tests_file_keeps_a_new_rule_invalid()
    {
        var catalog = _folder.NewCatalog(_check);
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        _folder.Write("grade.tests.json", "{ \"cases\": [ oops ] }");

        await catalog.SyncAsync();

        var state = catalog.Find("grade")!;
        Assert.Equal(RuleStatus.Invalid, state.Status);
        Assert.Contains(state.Diagnostics, d => d.Id == RuleDiagnosticIds.TestFailed && d.Path == "grade.tests.json");
    }

    [Fact]
    public async Task After_a_restart_the_last_good_version_is_recovered_with_its_tests_and_the_same_hash()
    {
        var first = _folder.NewCatalog(_check);
        _folder.Write("grade.csx", CatalogFolder.Rule("A"));
        _folder.Write("grade.tests.json", ExpectA);
        await first.SyncAsync();
        var goodHash = first.Find("grade")!.Active!.Hash;
        _folder.Write("grade.csx", "// kind: segmentation\nSetSegment(;\n");

        var restarted = _folder.NewCatalog(_check);
        await restarted.SyncAsync();

        var state = restarted.Find("grade")!;
        Assert.Equal(goodHash, state.Active!.Hash);
        Assert.Equal("grade.tests.json", state.Active.Sources.Tests!.Path);
    }

    public void Dispose() => _folder.Dispose();
}
