using System.Net.Http.Json;
using System.Text.Json;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Audit;
using RuleEngine.Audit.Anchoring;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Audit;

/// <summary>
/// The server notes the chain's head outside the database (log, anchor file, URL), and verification checks the chain
/// against those anchors, so a rewrite of the whole chain with recomputed hashes (consistent, invisible to the chain
/// alone) is caught, while the server runs and across a restart.
/// </summary>
// LiteDB only: rewrites and cuts the chain in the LiteDB file itself; on PostgreSQL: AuditAnchorOnPostgres (Core.Tests).
[Trait("Backend", "litedb")]
public sealed class AuditAnchoringTests : IAsyncLifetime
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-tests", "anchoring-" + Guid.NewGuid().ToString("N"));
    AnchorReceiver _receiver = null!;
    AnchoredServer _app = null!;

    string DataPath => Path.Combine(_root, "data");
    string AnchorFile => Path.Combine(DataPath, "audit-anchors.ndjson");

    public async Task InitializeAsync()
    {
        _receiver = await AnchorReceiver.StartAsync();
        _app = new AnchoredServer(_root, _receiver.Url);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _receiver.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>The test server on a data folder this class owns, so that it can stop and start over the same file.</summary>
    sealed class AnchoredServer(string root, string anchorUrl) : RuleEngineAppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RuleEngine:DataPath"] = Path.Combine(root, "data"),
            ["RuleEngine:RulesPath"] = Path.Combine(root, "rules"),
            ["RuleEngine:Audit:AnchorUrl"] = anchorUrl,
            // The timer must not anchor behind the tests' backs; they anchor when they mean to.
            ["RuleEngine:Audit:AnchorInterval"] = "01:00:00",
            // The customers recorded here would start triggered runs that may still be writing while a test stops the
            // server to edit its file; the entries these tests count are the ingests' own.
            ["RuleEngine:Triggers:Enabled"] = "false",
        };
    }

    async Task RecordAsync(int entries)
    {
        using var ops = _app.CreateClient("ops");
        for (var i = 0; i < entries; i++)
            (await ops.PostJson("/api/customers", $$"""[{"id":"c{{Guid.NewGuid():N}}"}]""")).EnsureSuccessStatusCode();
    }

    Task<AuditAnchor?> AnchorAsync() => _app.Services.GetRequiredService<AuditAnchorService>().AnchorNowAsync();

    async Task<JsonElement> VerifyAsync()
    {
        using var auditor = _app.CreateClient("auditor");
        return await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");
    }

    /// <summary>What an attacker with the file would do: change entries from <paramref name="from"/> on and re-hash and re-link the rest.</summary>
    static void Rewrite(LiteDatabase db, long from)
    {
        var audit = db.GetCollection(LiteDbCollections.Audit);
        var previousHash = from == 1 ? AuditHash.Genesis : audit.FindById(from - 1)["Hash"].AsString;
        foreach (var document in audit.Find(Query.GTE("_id", from)).ToList())
        {
            document["Summary"] = document["Summary"].AsString + " (edited)";
            document["PreviousHash"] = previousHash;
            document["Hash"] = AuditHash.Of(new AuditEntry
            {
                Sequence = document["Sequence"].AsInt64, At = document["At"].AsDateTime, Type = document["Type"].AsString,
                Actor = document["Actor"].AsString, Rule = document["Rule"].IsNull ? null : document["Rule"].AsString,
                Subject = document["Subject"].IsNull ? null : document["Subject"].AsString, Summary = document["Summary"].AsString,
                Details = document["Details"].AsString, PreviousHash = previousHash, Hash = "",
            });
            audit.Update(document);
            previousHash = document["Hash"].AsString;
        }
    }

    /// <summary>
    /// The stopped server's file, opened as an editor of it would. Opened in the same process right after the host
    /// was disposed, LiteDB was seen (on a loaded CI machine, 3 runs in 4) to read a page of the old engine's last moments
    /// ("page type must be collection page"); a server that is really down has exited, so the test waits for a clean
    /// open as a person with a text editor would, rather than racing the old engine's teardown.
    /// </summary>
    LiteDB.LiteDatabase OpenStoppedFile()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return LiteDbFile.Open(DataPath);
            }
            catch (LiteDB.LiteException) when (attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }

    Task RewriteLiveAsync(long from) => _app.Services.GetRequiredService<LiteDbWriter>().WriteAsync(db => Rewrite(db, from));

    string ReadLog() => string.Concat(Directory.GetFiles(Path.Combine(DataPath, RuleEngine.Server.Logging.LoggingSetup.LogFolder)).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }));

    IAuditLog Log => _app.Services.GetRequiredService<IAuditLog>();

    [Fact]
    public async Task The_head_is_written_to_the_log_the_anchor_file_and_the_url()
    {
        await RecordAsync(3);

        var anchor = (await AnchorAsync())!;

        var head = Log.Head()!;
        Assert.Equal((head.Sequence, head.Hash), (anchor.Sequence, anchor.Hash));
        var line = JsonDocument.Parse(File.ReadLines(AnchorFile).Last()).RootElement;
        Assert.Equal(head.Sequence, line.GetProperty("sequence").GetInt64());
        Assert.Equal(head.Hash, line.GetProperty("hash").GetString());
        Assert.True(line.TryGetProperty("anchoredAt", out _));
        var posted = _receiver.Received.Last();
        Assert.Equal((head.Sequence, head.Hash), (posted.GetProperty("sequence").GetInt64(), posted.GetProperty("hash").GetString()));
        await Eventually.TrueAsync(() => Task.FromResult(ReadLog().Contains($"\"AuditHash\":\"{head.Hash}\"", StringComparison.Ordinal)),
            "the anchor in the server's log file");
    }

    [Fact]
    public async Task An_unmoved_head_is_not_anchored_again_and_a_failed_post_is_retried()
    {
        await RecordAsync(1);
        _receiver.Failing = true;
        await AnchorAsync();
        var lines = File.ReadLines(AnchorFile).Count();
        Assert.Empty(_receiver.Received);

        _receiver.Failing = false;
        await AnchorAsync();

        Assert.Equal(lines, File.ReadLines(AnchorFile).Count());
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task A_rewrite_of_the_whole_chain_with_recomputed_hashes_is_caught_by_the_anchor()
    {
        await RecordAsync(4);
        var anchor = (await AnchorAsync())!;

        await RewriteLiveAsync(from: 1);

        // The chain alone is consistent again: this is the rewrite a hash chain cannot see.
        Assert.True(AuditChainVerifier.Verify(_app.Services.GetRequiredService<RuleEngine.Storage.IAuditStore>().ReadChain()).Ok);
        var result = await VerifyAsync();
        Assert.False(result.GetProperty("ok").GetBoolean());
        var bad = result.GetProperty("firstBadEntry");
        Assert.Equal("anchorMismatch", bad.GetProperty("problem").GetString());
        Assert.Equal(anchor.Sequence, bad.GetProperty("sequence").GetInt64());
        Assert.Equal(1, bad.GetProperty("rewrittenFrom").GetInt64());
        Assert.Equal(anchor.Hash, result.GetProperty("anchor").GetProperty("hash").GetString());
        Assert.Equal(anchor.Sequence - 1, result.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task Anchors_close_together_name_the_first_rewritten_entry_exactly()
    {
        await RecordAsync(2);
        await AnchorAsync();
        await RecordAsync(1);
        var third = (await AnchorAsync())!;
        await RecordAsync(2);
        await AnchorAsync();

        await RewriteLiveAsync(from: third.Sequence);

        var bad = (await VerifyAsync()).GetProperty("firstBadEntry");
        Assert.Equal(third.Sequence, bad.GetProperty("sequence").GetInt64());
        Assert.Equal(third.Sequence, bad.GetProperty("rewrittenFrom").GetInt64());
        Assert.Contains($"rewritten from entry {third.Sequence}", bad.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_rewrite_while_the_server_is_down_is_caught_although_the_restarted_server_anchors_the_new_head()
    {
        await RecordAsync(3);
        var before = (await AnchorAsync())!;
        // Stopped for good before the file is opened beside it: background work (runs the ingest triggered) ends and the
        // engine closes, as a server that is down would be; two engines on one file read each other's half-written pages.
        var engine = _app.Services.GetRequiredService<SerializedLiteEngine>();
        await _app.DisposeAsync();
        // And closed for certain: seen once on a loaded CI machine, the editor below found no audit entries at all, as if
        // it had read the log while the old engine's closing checkpoint emptied it. Disposing again waits for any call
        // still inside the engine (its lock) and is a no-op once it is closed.
        engine.Dispose();

        using (var db = OpenStoppedFile()) Rewrite(db, from: 1);
        _app = new AnchoredServer(_root, _receiver.Url);
        var after = (await AnchorAsync())!;

        Assert.Equal(before.Sequence, after.Sequence);
        Assert.NotEqual(before.Hash, after.Hash);
        var result = await VerifyAsync();
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal("anchorMismatch", result.GetProperty("firstBadEntry").GetProperty("problem").GetString());
        Assert.Equal(before.Hash, result.GetProperty("anchor").GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Entries_cut_off_the_end_are_caught_and_an_untouched_chain_verifies_against_every_anchor()
    {
        await RecordAsync(2);
        await AnchorAsync();
        await RecordAsync(2);
        var head = (await AnchorAsync())!;

        var untouched = await VerifyAsync();
        Assert.True(untouched.GetProperty("ok").GetBoolean());
        Assert.Equal(head.Sequence, untouched.GetProperty("anchor").GetProperty("sequence").GetInt64());
        Assert.True(untouched.GetProperty("anchorsChecked").GetInt64() >= 2);

        await _app.Services.GetRequiredService<LiteDbWriter>().WriteAsync(db => db.GetCollection(LiteDbCollections.Audit).Delete(head.Sequence));

        var cut = await VerifyAsync();
        Assert.False(cut.GetProperty("ok").GetBoolean());
        Assert.Equal("anchorMismatch", cut.GetProperty("firstBadEntry").GetProperty("problem").GetString());
        Assert.Equal(head.Sequence - 1, cut.GetProperty("entries").GetInt64());
    }
}
