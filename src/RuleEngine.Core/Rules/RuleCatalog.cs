using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RuleEngine.Scripting;
using RuleEngine.Storage;

namespace RuleEngine.Rules;

/// <summary>
/// The rules the server knows and the version of each that runs. A new version replaces the running one only
/// when it compiles and passes its checks; otherwise it is kept as pending with its diagnostics and the last
/// good version keeps running ("last-good"). Every version tried is saved for audit and rollback.
/// Reads are lock-free snapshots; changes are serialised.
/// </summary>
public sealed partial class RuleCatalog(
    RuleEngineOptions options,
    RuleCompiler compiler,
    IRuleVersionStore versions,
    IEnumerable<IRuleVersionCheck> checks,
    TimeProvider clock,
    ILogger<RuleCatalog> log,
    Observability.RuleEngineMetrics? metrics = null,
    Audit.IAuditLog? audit = null)
{
    readonly RuleSourceReader _reader = new(options.FullRulesPath);
    readonly RuleCompiler _validator = new(); // validation of drafts never fills the compile cache
    readonly SemaphoreSlim _changes = new(1, 1);
    ImmutableSortedDictionary<string, RuleState> _rules = ImmutableSortedDictionary<string, RuleState>.Empty;

    public string RulesRoot { get; } = options.FullRulesPath;

    /// <summary>True once the rules folder has been read at start-up.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Raised after the running version of a rule changed (activated, replaced or deactivated).</summary>
    public event Action<RuleChange>? Changed;

    public IReadOnlyCollection<RuleState> Rules => _rules.Values.ToList();

    public RuleState? Find(string name) => _rules.GetValueOrDefault(name);

    /// <summary>Compiles a draft as if it were the rule <paramref name="name"/> (so its #load paths resolve the same) and saves nothing.</summary>
    public RuleCompilation Validate(string text, string? name = null)
    {
        var path = name is not null && Find(name) is { } existing ? existing.Path : $"{name ?? "draft"}.csx";
        var (sources, readProblems) = _reader.Read(path, text);
        return _validator.Compile(sources, readProblems);
    }

    /// <summary>Considers a new version of a rule and returns the rule's state afterwards.</summary>
    async Task<RuleState> ConsiderAsync(
        string name, RuleSources sources, IReadOnlyList<RuleDiagnostic> readProblems,
        RuleVersionSource origin, string actor, CancellationToken cancellation)
    {
        var existing = Find(name);
        var now = clock.GetUtcNow().UtcDateTime;
        var compilation = compiler.Compile(sources, readProblems);
        var (candidate, diagnostics) = Activate(name, compilation);
        var version = new RuleVersion
        {
            Rule = name, Hash = sources.Hash, Path = sources.Main.Path, Content = sources.Main.Content,
            LoadedFiles = sources.FilesBesideMain, CreatedAt = now, Source = origin, Actor = actor, Good = candidate is not null,
        };
        await versions.SaveAsync(version, cancellation);

        RuleState state;
        if (candidate is not null)
        {
            state = new RuleState
            {
                Name = name, Path = sources.Main.Path, Status = RuleStatus.Active, LatestHash = sources.Hash,
                Active = new ActiveVersion(compilation.Header!, sources, candidate, now), Diagnostics = diagnostics,
            };
            log.LogInformation("Rule {Rule} version {Hash} is active ({Source})", name, Short(sources.Hash), compilation.FromCache ? "from cache" : "compiled");
        }
        else
        {
            var active = existing is null ? RecoverLastGood(name) : existing.Active;
            state = new RuleState
            {
                Name = name, Path = sources.Main.Path, Status = active is null ? RuleStatus.Invalid : RuleStatus.Active,
                LatestHash = sources.Hash, Active = active, PendingHeader = compilation.Header,
                Pending = new RejectedVersion(sources.Hash, now, diagnostics), Diagnostics = diagnostics,
            };
            metrics?.CompileFailed(name);
            log.LogWarning("Rule {Rule} version {Hash} was rejected; {Running}. {Diagnostics}", name, Short(sources.Hash),
                active is null ? "no version runs" : $"version {Short(active.Hash)} keeps running",
                string.Join("; ", diagnostics.Where(d => d.IsError)));
        }
        Publish(existing, state);
        if (audit is not null) await Audit.RuleVersionAudit.RecordAsync(audit, versions, version, active: candidate is not null);
        return state;
    }

    /// <summary>Loads a compiled version and runs the version checks; a version that fails them is unloaded again.</summary>
    (Scripting.Loading.LoadedRule? Rule, IReadOnlyList<RuleDiagnostic> Diagnostics) Activate(string name, RuleCompilation compilation)
    {
        if (!compilation.Succeeded) return (null, compilation.Diagnostics);
        var loaded = Scripting.Loading.LoadedRule.Load(name, compilation.Sources.Hash, compilation.Assembly!,
            () => compiler.CompileDiagnosticTwin(compilation.Sources));
        var problems = checks.SelectMany(c => c.Check(compilation, loaded)).ToList();
        if (!problems.Any(p => p.IsError)) return (loaded, compilation.Diagnostics.Concat(problems).ToList());
        loaded.Unload();
        return (null, compilation.Diagnostics.Concat(problems).ToList());
    }

    /// <summary>At start-up a rule whose file is broken still runs its last good version from the version store.</summary>
    ActiveVersion? RecoverLastGood(string name)
    {
        if (versions.ListVersions(name).FirstOrDefault(v => v.Good) is not { } good || Load(good) is not { } recovered) return null;
        log.LogWarning("Rule {Rule}: the file does not compile, so its last good version {Hash} runs", name, Short(good.Hash));
        return recovered;
    }

    void Publish(RuleState? before, RuleState after)
    {
        _rules = _rules.SetItem(after.Name, after);
        if (before?.Active is { } old && !ReferenceEquals(old, after.Active)) old.Rule.Unload();
        if (ReferenceEquals(before?.Active, after.Active) && before?.Status == after.Status) return;
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<RuleChange>>() ?? [])
        {
            try { handler(new RuleChange(after.Name, before, after)); }
            catch (Exception e) { log.LogError(e, "A listener failed on the change of rule {Rule}", after.Name); }
        }
    }

    static string Short(string hash) => hash[..12];
}
