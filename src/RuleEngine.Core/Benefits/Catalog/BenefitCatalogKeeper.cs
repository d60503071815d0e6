using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using RuleEngine.Audit;
using RuleEngine.Scripting;
using RuleEngine.Storage;

namespace RuleEngine.Benefits.Catalog;

/// <summary>
/// Keeps the benefits catalog in step with <c>catalog.json</c> in the rules folder, as rules are kept: every version
/// read (from the file or saved over the API) is stored with its hash and audited; a version that does not validate is
/// refused with its diagnostics and the last good catalog stays in force, also across a restart. Reads are lock-free.
/// </summary>
public sealed class BenefitCatalogKeeper(
    RuleEngineOptions options, ICatalogVersionStore versions, TimeProvider clock, ILogger<BenefitCatalogKeeper> log, IAuditLog? audit = null)
{
    /// <summary>The catalog's file name, in the root of the rules folder.</summary>
    public const string FileName = "catalog.json";

    readonly SemaphoreSlim _changes = new(1, 1);
    volatile CatalogState _state = CatalogState.None;

    public CatalogState State => _state;

    /// <summary>The catalog in force (empty until a good version was read).</summary>
    public BenefitCatalog Current => _state.Catalog;

    public string FullPath => Path.Combine(options.FullRulesPath, FileName);

    /// <summary>Reads the file and considers it when its text changed; a missing file keeps the catalog in force.</summary>
    public async Task<CatalogState> SyncAsync(CancellationToken cancellation = default)
    {
        await _changes.WaitAsync(cancellation);
        try
        {
            string text;
            try { text = await File.ReadAllTextAsync(FullPath, cancellation); }
            catch (FileNotFoundException) { return RecoverIfNone(); }
            catch (DirectoryNotFoundException) { return RecoverIfNone(); }
            catch (IOException e)
            {
                log.LogWarning("The benefits catalog {Path} could not be read now ({Error}); it will be read on its next change", FullPath, e.Message);
                return _state;
            }
            if (HashOf(RuleText.Storable(text)) == _state.LatestHash) return _state;
            return await ConsiderAsync(text, "file", "file", cancellation);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Writes <paramref name="text"/> as the catalog file and considers it at once; true when it is now in force.</summary>
    public async Task<(CatalogState State, bool Activated)> SaveAsync(string text, string actor, CancellationToken cancellation = default)
    {
        await _changes.WaitAsync(cancellation);
        try
        {
            Directory.CreateDirectory(options.FullRulesPath);
            var temp = $"{FullPath}.{Guid.NewGuid():N}.saving";
            await File.WriteAllTextAsync(temp, text, cancellation);
            File.Move(temp, FullPath, overwrite: true); // the watcher never reads a half-written catalog
            var state = await ConsiderAsync(text, "api", actor, cancellation);
            return (state, state.Hash == HashOf(text));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Validates a draft and saves nothing.</summary>
    public static IReadOnlyList<RuleDiagnostic> Validate(string text) => CatalogParser.Parse(text, FileName).Diagnostics;

    public IReadOnlyList<CatalogVersion> Versions() => versions.List();

    async Task<CatalogState> ConsiderAsync(string text, string source, string actor, CancellationToken cancellation)
    {
        // A NUL character refuses the file, which is kept on record with U+FFFD in its place (Scripting/RuleText).
        var nul = RuleText.FirstNul(text);
        text = RuleText.Storable(text);
        var hash = HashOf(text);
        var now = clock.GetUtcNow().UtcDateTime;
        var (catalog, diagnostics) = nul is var (line, column)
            ? (null, [RuleDiagnostic.Error(RuleDiagnosticIds.NulCharacter, RuleText.NulMessage(line, column), FileName, line, column)])
            : CatalogParser.Parse(text, FileName);
        var before = RecoverIfNone();
        await versions.SaveAsync(new CatalogVersion { Hash = hash, Content = text, CreatedAt = now, Source = source, Actor = actor, Good = catalog is not null }, cancellation);
        if (catalog is not null)
        {
            _state = new CatalogState(catalog, hash, now, hash, diagnostics);
            log.LogInformation("Benefits catalog version {Hash} is in force: {Items} items, {Campaigns} campaigns, {Templates} coupon templates",
                hash[..12], catalog.Items.Count, catalog.Campaigns.Count, catalog.CouponTemplates.Count);
        }
        else
        {
            _state = before with { LatestHash = hash, Diagnostics = diagnostics };
            log.LogWarning("Benefits catalog version {Hash} was refused; {Running}. {Diagnostics}", hash[..12],
                before.Hash is null ? "no catalog is in force" : $"version {before.Hash[..12]} stays in force",
                string.Join("; ", diagnostics));
        }
        if (audit is not null)
            await audit.TryAppendAsync(AuditEvents.CatalogVersion(hash, before.Hash, catalog is not null, source, actor, diagnostics.Count));
        return _state;
    }

    /// <summary>With no catalog in memory (a start with a broken or missing file), the newest good stored version.</summary>
    CatalogState RecoverIfNone()
    {
        if (_state.Hash is not null) return _state;
        foreach (var version in versions.List().Where(v => v.Good))
        {
            if (CatalogParser.Parse(version.Content, FileName).Catalog is not { } catalog) continue;
            log.LogWarning("The benefits catalog file is missing or broken, so its last good version {Hash} is in force", version.Hash[..12]);
            _state = new CatalogState(catalog, version.Hash, version.CreatedAt, _state.LatestHash, _state.Diagnostics);
            break;
        }
        return _state;
    }

    static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
