namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// A file stream that LiteDB cannot fsync: LiteDB flushes to disk only what it knows is a FileStream, after every few
/// pages it writes, and on this machine's disk those flushes, not the CPU, set the pace of a bulk load. Only for
/// building benchmark input, which is fsynced once when complete and rebuilt if the machine dies meanwhile.
/// </summary>
sealed class UnsyncedStream(FileStream file) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => file.Length;
    public override long Position { get => file.Position; set => file.Position = value; }
    public override void Flush() => file.Flush(flushToDisk: false);
    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
    public override void SetLength(long value) => file.SetLength(value);
    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
}
