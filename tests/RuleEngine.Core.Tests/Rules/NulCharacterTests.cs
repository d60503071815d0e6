using RuleEngine.Rules;
using RuleEngine.Scripting;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Rules;

/// <summary>
/// A rule file on disk with a NUL character in it (which PostgreSQL cannot store): the version is rejected with the
/// place of the NUL, kept on record with the NUL shown as U+FFFD, and the last good version keeps running.
/// </summary>
public abstract class NulCharacterTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task A_rule_file_with_a_NUL_is_rejected_where_it_is_and_the_last_good_version_keeps_running()
    {
        await using var db = NewStorage();
        using var folder = new CatalogFolder();
        var catalog = folder.NewCatalog(db.RuleVersions);
        folder.Write("grade.csx", CatalogFolder.Rule("A"));
        await catalog.SyncAsync();
        var good = catalog.Find("grade")!.Active!.Hash;

        folder.Write("grade.csx", "// kind: segmentation\nSetSegment(\"grade\", \"B\0\", \"because\");\n");
        await catalog.SyncAsync();

        var state = catalog.Find("grade")!;
        Assert.Equal((RuleStatus.Active, good), (state.Status, state.Active!.Hash));
        var error = Assert.Single(state.Diagnostics, d => d.IsError);
        Assert.Equal((RuleDiagnosticIds.NulCharacter, 2, 23), (error.Id, error.Line, error.Column));
        var rejected = db.RuleVersions.ListVersions("grade").First(v => !v.Good);
        Assert.Contains("\"B\uFFFD\"", rejected.Content);
    }

    [Fact]
    public async Task A_NUL_in_a_loaded_helper_is_named_in_the_helper()
    {
        await using var db = NewStorage();
        using var folder = new CatalogFolder();
        folder.Write("_shared/helper.csx", "static string Grade() => \"A\";\n\0\n");
        folder.Write("grade.csx", "// kind: segmentation\n#load \"_shared/helper.csx\"\nSetSegment(\"grade\", Grade(), \"because\");\n");
        var catalog = folder.NewCatalog(db.RuleVersions);

        await catalog.SyncAsync();

        var error = Assert.Single(catalog.Find("grade")!.Diagnostics, d => d.Id == RuleDiagnosticIds.NulCharacter);
        Assert.Equal(("_shared/helper.csx", 2, 1), (error.Path, error.Line, error.Column));
        Assert.Equal(RuleStatus.Invalid, catalog.Find("grade")!.Status);
    }
}

public sealed class NulCharacterOnLiteDb : NulCharacterTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class NulCharacterOnPostgres : NulCharacterTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
