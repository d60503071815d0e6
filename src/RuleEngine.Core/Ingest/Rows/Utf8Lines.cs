using System.Buffers;

namespace RuleEngine.Ingest.Rows;

/// <summary>
/// Lines of a byte stream as slices of one pooled buffer, never decoded: a line ends at "\n", "\r\n" or a lone "\r",
/// as <see cref="StreamReader.ReadLine()"/> counts them. A slice stays valid until the next <see cref="NextAsync"/>.
/// </summary>
internal sealed class Utf8Lines(Stream stream) : IDisposable
{
    const int ReadSize = 64 * 1024;

    byte[] _buffer = ArrayPool<byte>.Shared.Rent(2 * ReadSize);
    int _start;    // first byte of the next line
    int _end;      // end of the bytes read so far
    bool _ended;   // the stream has no more bytes
    bool _afterCarriageReturn; // the last line ended with '\r': a '\n' right after it belongs to it

    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>The first bytes of the stream (up to <paramref name="count"/>), read ahead and left for the first line.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> PeekAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count && !_ended) await FillAsync(cancellationToken);
        return _buffer.AsMemory(_start, Math.Min(count, _end - _start));
    }

    /// <summary>Skips <paramref name="count"/> bytes already peeked at (a byte order mark).</summary>
    public void Skip(int count) => _start += count;

    public async ValueTask<bool> NextAsync(CancellationToken cancellationToken)
    {
        var scanned = 0; // bytes of the current line already searched for a line break
        while (true)
        {
            if (_afterCarriageReturn && _end > _start)
            {
                if (_buffer[_start] == (byte)'\n') _start++;
                _afterCarriageReturn = false;
            }
            var pending = _buffer.AsSpan(_start + scanned, _end - _start - scanned);
            var at = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (at >= 0)
            {
                var length = scanned + at;
                Current = _buffer.AsMemory(_start, length);
                _afterCarriageReturn = _buffer[_start + length] == (byte)'\r';
                _start += length + 1;
                return true;
            }
            if (_ended && !_afterCarriageReturn)
            {
                if (_end == _start) return false;
                Current = _buffer.AsMemory(_start, _end - _start); // the last line, without a line break
                _start = _end;
                return true;
            }
            if (_ended) { _afterCarriageReturn = false; continue; }
            scanned = _end - _start;
            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Reads more, first moving the unfinished line to the front (or into a larger buffer when it fills this one).</summary>
    async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        var kept = _end - _start;
        if (_buffer.Length - _end < ReadSize)
        {
            var target = kept + ReadSize > _buffer.Length ? ArrayPool<byte>.Shared.Rent(2 * (kept + ReadSize)) : _buffer;
            _buffer.AsSpan(_start, kept).CopyTo(target);
            if (target != _buffer)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }
            (_start, _end) = (0, kept);
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end, ReadSize), cancellationToken);
        if (read == 0) _ended = true;
        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
