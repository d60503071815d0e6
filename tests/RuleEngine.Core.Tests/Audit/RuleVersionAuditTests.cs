using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Rules;
using RuleEngine.Scripting;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Audit;

/// <summary>The catalog records each new rule version once, with who, where from, the hashes, whether it runs and a diff.</summary>
public sealed class RuleVersionAuditTests : IAsyncDisposable
{
    readonly TempDatabase _db = new();
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    readonly RuleEngineOptions _options;

    public RuleVersionAuditTests()
    {
        _options = new RuleEngineOptions { RulesPath = Path.Combine(_db.Folder, "rules"), DataPath = _db.Folder };
        Directory.CreateDirectory(_options.RulesPath);
    }

    AuditLog Log => new(_db.Audit, _clock, NullLogger<AuditLog>.Instance);

    RuleCatalog NewCatalog() => new(_options, new RuleCompiler(new CompileCache(Path.Combine(_db.Folder, "cache"))), _db.RuleVersions, [],
        _clock, NullLogger<RuleCatalog>.Instance, audit: Log);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    static string Rule(string grade) => $"// kind: segmentation\nSetSegment(\"grade\", \"{grade}\", \"because\");\n";

    List<AuditEntry> Versions() => Log.ReadAll(new AuditQuery(Type: AuditTypes.RuleVersion)).ToList();

    [Fact]
    public async Task A_file_edit_and_an_api_save_are_recorded_with_hashes_and_a_diff_and_a_restart_adds_nothing()
    {
        await File.WriteAllTextAsync(Path.Combine(_options.RulesPath, "grade.csx"), Rule("A"));
        await NewCatalog().SyncAsync();
        var catalog = NewCatalog();
        await catalog.SyncAsync(); // a restart reads the same file again
        await catalog.SaveAsync("grade", Rule("B"), "test-analyst");
        await NewCatalog().SyncAsync();

        var versions = Versions();
        Assert.Equal(2, versions.Count);
        var (first, second) = (versions[0], versions[1]);
        Assert.Equal(("file", "grade"), (first.Actor, first.Rule));
        Assert.Equal("test-analyst", second.Actor);
        using var details = JsonDocument.Parse(second.Details);
        var d = details.RootElement;
        Assert.Equal("api", d.GetProperty("source").GetString());
        Assert.Equal(first.Subject, d.GetProperty("previousHash").GetString());
        Assert.Equal(second.Subject, d.GetProperty("hash").GetString());
        Assert.True(d.GetProperty("active").GetBoolean());
        var diff = d.GetProperty("diff").GetString()!;
        Assert.Contains("-SetSegment(\"grade\", \"A\"", diff);
        Assert.Contains("+SetSegment(\"grade\", \"B\"", diff);
    }

    [Fact]
    public async Task A_rejected_version_is_recorded_as_not_active()
    {
        var catalog = NewCatalog();
        await catalog.SaveAsync("grade", Rule("A"), "test-analyst");
        await catalog.SaveAsync("grade", "// kind: segmentation\nthis is not C#\n", "test-analyst");

        var last = Versions()[^1];
        using var details = JsonDocument.Parse(last.Details);

        Assert.False(details.RootElement.GetProperty("active").GetBoolean());
        Assert.False(details.RootElement.GetProperty("good").GetBoolean());
        Assert.Contains("rejected", last.Summary);
    }

    [Fact]
    public async Task A_rollback_is_recorded_as_such_by_its_actor()
    {
        var catalog = NewCatalog();
        await catalog.SaveAsync("grade", Rule("A"), "test-analyst");
        var firstHash = catalog.Find("grade")!.Active!.Hash;
        await catalog.SaveAsync("grade", Rule("B"), "test-analyst");
        await catalog.RollbackAsync("grade", firstHash, "test-admin");

        var last = Versions()[^1];
        using var details = JsonDocument.Parse(last.Details);

        Assert.Equal(("test-admin", firstHash), (last.Actor, last.Subject));
        Assert.Equal("rollback", details.RootElement.GetProperty("source").GetString());
        Assert.True(Log.Verify().Ok);
    }
}
