using System.Net.Http.Json;
using System.Text.Json;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Audit;

/// <summary>
/// Entries changed, removed or moved in the database file, behind the API's back, as someone with access to the
/// file could; <c>GET /api/audit/verify</c> must name the first bad one. (Core tests do the same on a closed file.)
/// </summary>
// LiteDB only: tampers with the LiteDB file itself; on PostgreSQL the same tampering is AuditChainOnPostgres (Core.Tests).
[Trait("Backend", "litedb")]
public sealed class AuditTamperTests : IDisposable
{
    readonly RuleEngineAppFactory _app = new();
    readonly HttpClient _auditor;

    public AuditTamperTests() => _auditor = _app.CreateClient("auditor");

    public void Dispose() => _app.Dispose();

    async Task RecordAsync(int entries)
    {
        using var ops = _app.CreateClient("ops");
        for (var i = 0; i < entries; i++) await ops.PostJson("/api/customers", $$"""[{"id":"c{{i}}"}]""");
    }

    /// <summary>Edits the audit collection directly in the file (through the writer, so the file stays consistent).</summary>
    Task TamperAsync(Action<ILiteCollection<BsonDocument>> edit) =>
        _app.Services.GetRequiredService<LiteDbWriter>().WriteAsync(db => edit(db.GetCollection(LiteDbCollections.Audit)));

    async Task<(long Sequence, string Problem)> FirstBadEntryAsync()
    {
        var result = await _auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.False(result.GetProperty("ok").GetBoolean());
        var bad = result.GetProperty("firstBadEntry");
        Assert.False(string.IsNullOrWhiteSpace(bad.GetProperty("detail").GetString()));
        return (bad.GetProperty("sequence").GetInt64(), bad.GetProperty("problem").GetString()!);
    }

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        await RecordAsync(4);

        var result = await _auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal(4, result.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task An_altered_entry_is_named()
    {
        await RecordAsync(4);

        await TamperAsync(audit =>
        {
            var entry = audit.FindById(3);
            entry["Details"] = entry["Details"].AsString.Replace("\"accepted\":1", "\"accepted\":1000", StringComparison.Ordinal);
            audit.Update(entry);
        });

        Assert.Equal((3L, "hashMismatch"), await FirstBadEntryAsync());
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        await RecordAsync(4);

        await TamperAsync(audit => audit.Delete(2));

        Assert.Equal((2L, "missing"), await FirstBadEntryAsync());
    }

    [Fact]
    public async Task Two_reordered_entries_are_named()
    {
        await RecordAsync(4);

        await TamperAsync(audit =>
        {
            var (second, third) = (audit.FindById(2), audit.FindById(3));
            (second["_id"], third["_id"]) = (3, 2);
            audit.Update(second);
            audit.Update(third);
        });

        Assert.Equal((2L, "outOfOrder"), await FirstBadEntryAsync());
    }
}
