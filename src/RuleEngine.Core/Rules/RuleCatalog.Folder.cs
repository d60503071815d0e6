using Microsoft.Extensions.Logging;
using RuleEngine.Scripting;

namespace RuleEngine.Rules;

/// <summary>Keeping the catalog in step with the rules folder.</summary>
public sealed partial class RuleCatalog
{
    /// <summary>
    /// Reads the rules folder and considers every rule whose sources changed (its file or any file it loads),
    /// adds new rules and deactivates rules whose file is gone. Cheap when nothing changed: only hashes are compared.
    /// </summary>
    public async Task<SyncReport> SyncAsync(CancellationToken cancellation = default)
    {
        await _changes.WaitAsync(cancellation);
        try
        {
            var report = new SyncReport();
            var seen = new HashSet<string>();
            foreach (var path in RuleFiles())
            {
                cancellation.ThrowIfCancellationRequested();
                RuleSources sources;
                IReadOnlyList<RuleDiagnostic> readProblems;
                try { (sources, readProblems) = _reader.Read(path); }
                catch (IOException e)
                {
                    log.LogWarning("Rule file {Path} could not be read now ({Error}); it will be read on its next change", path, e.Message);
                    if (NameOf(path) is { } known) seen.Add(known);
                    continue;
                }
                var name = RuleHeaderParser.Parse(sources.Main.Content, path).Header?.Name
                    ?? RuleHeaderParser.DefaultName(path);
                if (!seen.Add(name))
                {
                    log.LogError("Rule file {Path} is ignored: another file already defines a rule named {Rule}", path, name);
                    continue;
                }
                if (Find(name) is { Status: not RuleStatus.Disabled } current && current.LatestHash == sources.Hash && current.Path == path)
                    continue;
                var state = await ConsiderAsync(name, sources, readProblems, RuleVersionSource.File, "file", cancellation);
                report.Considered.Add(state);
            }
            foreach (var gone in _rules.Values.Where(r => r.Status != RuleStatus.Disabled && !seen.Contains(r.Name)))
            {
                Publish(gone, gone with { Status = RuleStatus.Disabled, Active = null, Pending = null });
                log.LogInformation("Rule {Rule} is deactivated: its file {Path} is gone", gone.Name, gone.Path);
                if (audit is not null) await audit.TryAppendAsync(Audit.AuditEvents.RuleDeactivated(gone));
                report.Deactivated.Add(gone.Name);
            }
            IsLoaded = true;
            return report;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Rule files: every .csx under the rules folder except those in folders starting with '_' (shared helpers).</summary>
    IEnumerable<string> RuleFiles() =>
        Directory.Exists(RulesRoot)
            ? Directory.EnumerateFiles(RulesRoot, "*.csx", SearchOption.AllDirectories)
                .Select(_reader.ToRelativePath)
                .Where(p => !p.Split('/').SkipLast(1).Any(folder => folder.StartsWith('_')))
                .Order(StringComparer.Ordinal)
            : [];

    string? NameOf(string path) => _rules.Values.FirstOrDefault(r => r.Path == path)?.Name;
}

/// <summary>What one pass over the rules folder did.</summary>
public sealed class SyncReport
{
    public List<RuleState> Considered { get; } = [];
    public List<string> Deactivated { get; } = [];
}
