using System.Text.Json;

namespace RuleEngine.Ingest;

/// <summary>
/// Validated rows of an all-or-nothing request, kept until the whole body has been checked: the first rows in
/// memory, the rest in a temp file deleted on dispose, so a million-row request does not sit in memory.
/// </summary>
internal sealed class Spool<T>(int memoryRows) : IAsyncDisposable
{
    private readonly List<T> _memory = [];
    private FileStream? _file;
    private StreamWriter? _writer;

    public long Count { get; private set; }

    public async Task AddAsync(IReadOnlyList<T> items)
    {
        Count += items.Count;
        foreach (var item in items)
        {
            if (_memory.Count < memoryRows) _memory.Add(item);
            else await WriterFor().WriteLineAsync(JsonSerializer.Serialize(item));
        }
    }

    private StreamWriter WriterFor()
    {
        _file ??= new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return _writer ??= new StreamWriter(_file, leaveOpen: true);
    }

    /// <summary>Everything added, in order, in batches of <paramref name="batchSize"/>.</summary>
    public async IAsyncEnumerable<List<T>> ReadBatchesAsync(int batchSize)
    {
        foreach (var chunk in _memory.Chunk(batchSize)) yield return [.. chunk];
        if (_file is null) yield break;
        await _writer!.FlushAsync();
        _file.Position = 0;
        using var reader = new StreamReader(_file, leaveOpen: true);
        var batch = new List<T>(batchSize);
        while (await reader.ReadLineAsync() is { } line)
        {
            batch.Add(JsonSerializer.Deserialize<T>(line)!);
            if (batch.Count < batchSize) continue;
            yield return batch;
            batch = new List<T>(batchSize);
        }
        if (batch.Count > 0) yield return batch;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        if (_file is not null) await _file.DisposeAsync();
    }
}
