using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RuleEngine.Audit.Anchoring;

/// <summary>
/// The anchor file: one JSON object per line (<c>{"sequence":42,"hash":"…","at":"…","anchoredAt":"…"}</c>), only
/// ever appended to and flushed to disk before the write counts. Verification streams it back line by line.
/// </summary>
public sealed class AuditAnchorFile(IOptions<AuditAnchorOptions> options, IOptions<RuleEngineOptions> engine, ILogger<AuditAnchorFile> log)
    : IAuditAnchorSink, IAuditAnchorSource
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    readonly SemaphoreSlim _append = new(1, 1);

    public string Name => "file";

    /// <summary>The file's full path: relative settings are under the data folder.</summary>
    public string FullPath => Path.GetFullPath(Path.Combine(engine.Value.FullDataPath, options.Value.AnchorFile));

    public async Task WriteAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(anchor, Json) + "\n");
        await _append.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
            await using var file = new FileStream(FullPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(line, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            _append.Release();
        }
    }

    public IEnumerable<AuditAnchor> ReadAnchors()
    {
        if (!File.Exists(FullPath)) yield break;
        using var file = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (Parse(line) is { } anchor) yield return anchor;
            // A line cut short by a crash mid-write, or edited: it proves nothing either way, so it is skipped, loudly.
            else log.LogWarning("Line {Line} of the audit anchor file {AnchorFile} is not an anchor and is skipped", number, FullPath);
        }
    }

    static AuditAnchor? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditAnchor>(line, Json) is { Sequence: > 0, Hash.Length: 64 } anchor ? anchor : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
