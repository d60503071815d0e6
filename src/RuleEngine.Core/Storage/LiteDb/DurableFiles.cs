using System.Reflection;
using LiteDB.Engine;
using Microsoft.Win32.SafeHandles;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// The database's two files (data and write-ahead log), opened by us rather than by LiteDB, so that a commit is made
/// durable after the storage lock is released, and before anyone is told it is done.
/// <para>
/// LiteDB 5.0.20's <c>Commit</c> only queues the transaction's pages for its log writer loop and returns; the pages are
/// written, and the log fsynced, when that loop drains its queue. As LiteDB starts it, the loop ran inline on the
/// committing thread (inside <see cref="SerializedLiteEngine"/>'s lock, so every reader waited for the disk) and, under
/// load, later (so a commit could be acknowledged before it was on disk). Here the loop runs on a thread of its own
/// (<see cref="Attach"/>) and the log's own flush does no fsync; instead <see cref="WaitUntilDurable"/>, called by the
/// writer's durability thread after each commit and outside the lock, waits for the queue to drain (every page written
/// to the OS) and then fsyncs the log: readers run during the disk wait, and a write is acknowledged only once it is
/// on disk. The data file keeps its fsync on flush: LiteDB writes it only in a checkpoint, which must be on disk
/// before the log is cleared.
/// </para>
/// </summary>
public sealed class DurableFiles : IDisposable
{
    public const string LogFileName = "ruleengine-log.db";
    static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(30);

    readonly FileStream _data, _log;
    readonly string _logPath;
    ManualResetEventSlim? _queueIsEmpty;
    readonly LogWriterThread _logWriter = new();

    /// <summary>Where LiteDB's log writer loop runs (see <see cref="Attach"/>).</summary>
    internal TaskScheduler LogWriter => _logWriter;

    public DurableFiles(string dataFile)
    {
        _logPath = Path.Combine(Path.GetDirectoryName(dataFile)!, LogFileName);
        // Unbuffered: every page LiteDB writes goes to the OS at once, so nothing waits in a user-space buffer when the
        // log is fsynced from another thread.
        _data = Open(dataFile);
        _log = Open(_logPath);
        Data = new SyncOnFlushStream(_data);
    }

    /// <summary>The data file, fsynced whenever LiteDB flushes it (end of a checkpoint).</summary>
    public Stream Data { get; }

    /// <summary>The log file: LiteDB's flushes reach the OS, and <see cref="WaitUntilDurable"/> fsyncs it.</summary>
    public Stream Log => _log;

    static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);

    /// <summary>
    /// Finds LiteDB's log queue in the engine (internal in 5.0.20) and starts its writer loop on <see cref="LogWriterThread"/>:
    /// checked at start-up, so a LiteDB upgrade that moves any of it fails loudly.
    /// <para>
    /// The queue's loop waits for pages with an <c>await</c> on an event its enqueue sets, and that event's continuation
    /// runs inline: started by LiteDB (on the default scheduler), the loop ran on whichever thread committed, so the writer
    /// thread made every page's write syscall itself, inside the storage lock (12% of its time in the redemptions
    /// benchmark). Started on a scheduler of its own, the loop's awaits come back to that thread, and a commit only
    /// queues its pages, as LiteDB means it to. <see cref="WaitUntilDurable"/> still waits for the queue to drain first.
    /// </para>
    /// </summary>
    public void Attach(LiteEngine engine)
    {
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var disk = typeof(LiteEngine).GetField("_disk", Private)?.GetValue(engine)
            ?? throw new InvalidOperationException("LiteDB's engine has no _disk field: this LiteDB version is not the one RuleEngine's durability was built on (5.0.20).");
        var lazy = disk.GetType().GetProperty("Queue")?.GetValue(disk)
            ?? throw new InvalidOperationException("LiteDB's disk service has no Queue: unexpected LiteDB version.");
        var queue = lazy.GetType().GetProperty("Value")!.GetValue(lazy)!;
        var type = queue.GetType();
        _queueIsEmpty = (ManualResetEventSlim?)type.GetField("_queueIsEmpty", Private)?.GetValue(queue)
            ?? throw new InvalidOperationException("LiteDB's log queue has no _queueIsEmpty: unexpected LiteDB version.");
        var task = type.GetField("_task", Private) ?? throw new InvalidOperationException("LiteDB's log queue has no _task: unexpected LiteDB version.");
        var sync = type.GetField("_queueSync", Private)?.GetValue(queue) ?? throw new InvalidOperationException("LiteDB's log queue has no _queueSync: unexpected LiteDB version.");
        var loop = type.GetMethod("ExecuteQueue", Private)?.CreateDelegate<Func<Task>>(queue)
            ?? throw new InvalidOperationException("LiteDB's log queue has no ExecuteQueue: unexpected LiteDB version.");
        lock (sync)
        {
            // Already running if opening the file wrote to the log: it then stays where LiteDB started it.
            if (task.GetValue(queue) is null)
                task.SetValue(queue, Task.Factory.StartNew(loop, CancellationToken.None, TaskCreationOptions.None, _logWriter).Unwrap());
        }
    }

    /// <summary>Every page committed so far is written and the log fsynced. Called by the writer thread, outside the storage lock.</summary>
    /// <exception cref="IOException">LiteDB's log writer did not drain (it failed, or the disk hangs).</exception>
    public void WaitUntilDurable()
    {
        if (_queueIsEmpty is { } empty && !empty.Wait(QueueWait))
            throw new IOException($"LiteDB's log writer did not write the committed pages within {QueueWait.TotalSeconds:0} s.");
        RandomAccess.FlushToDisk(_log.SafeFileHandle);
    }

    public void Dispose()
    {
        _logWriter.Dispose();
        _data.Dispose();
        _log.Dispose();
        // LiteDB empties the log at its closing checkpoint but cannot delete a file it did not open.
        try
        {
            if (new FileInfo(_logPath) is { Exists: true, Length: 0 }) File.Delete(_logPath);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A file whose flush is an fsync (LiteDB flushes a stream it did not open with <c>Flush()</c>, not <c>Flush(true)</c>).</summary>
    sealed class SyncOnFlushStream(FileStream file) : Stream
    {
        public override bool CanRead => file.CanRead;
        public override bool CanSeek => file.CanSeek;
        public override bool CanWrite => file.CanWrite;
        public override long Length => file.Length;
        public override long Position { get => file.Position; set => file.Position = value; }
        public override void Flush() => file.Flush(flushToDisk: true);
        public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
        public override void SetLength(long value) => file.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
    }
}
