using System.Threading.Channels;
using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// The only way anything writes to the LiteDB file. LiteDB 5.0.20 can corrupt its file when two collections
/// are written concurrently and binds explicit transactions to the OS thread, so one dedicated thread takes
/// queued writes, runs as many as are waiting inside one transaction and commits them together: one commit per
/// batch is what makes thousands of small writes per second possible. A caller's task completes only after the
/// commit that contains its work, so an acknowledged write is durable.
/// </summary>
public sealed class LiteDbWriter : IAsyncDisposable
{
    /// <summary>How many queued writes at most share one commit (each may itself hold thousands of documents).</summary>
    public const int MaxWritesPerCommit = 64;

    private readonly LiteDatabase _database;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new() { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _commits;

    private readonly SerializedLiteEngine? _engine;

    public LiteDbWriter(LiteDatabase database)
    {
        _database = database;
        _engine = LiteDbFile.EngineOf(database);
        new Thread(Run) { IsBackground = true, Name = "LiteDB writer" }.Start();
    }

    private volatile StorageFaultedException? _fault;

    /// <summary>
    /// Set when LiteDB failed to roll a transaction back (seen under load, in the rollback of a dry run's preview, before
    /// previews stopped using transactions: "page type must be index page"). Its
    /// in-memory pages may then be inconsistent, and writing on could carry that into the file, so every later write is
    /// refused until a restart, which reopens the file from disk (the file itself was found intact each time).
    /// </summary>
    public string? Problem => _fault?.Message;

    /// <summary>Commits so far; lets tests see that concurrent writes were batched.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private long _busyTicks, _durableTicks;

    /// <summary>Writes queued and not yet taken into a transaction.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting; // the single-reader channel keeps no count

    /// <summary>Seconds the writer spent in transactions (work and commit), and waiting for the disk after them, since start.</summary>
    public (double Busy, double Durable) Seconds =>
        (Interlocked.Read(ref _busyTicks) / (double)System.Diagnostics.Stopwatch.Frequency, Interlocked.Read(ref _durableTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>
    /// Runs <paramref name="work"/> on the writer thread inside a transaction and completes after the commit.
    /// The work must be synchronous and must only touch the database it is given.
    /// If it throws, nothing it did is kept and the task fails with that exception.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken = default)
    {
        var write = new QueuedWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(LiteDbWriter));
        Interlocked.Increment(ref _waiting);
        return write.Task;
    }

    [ThreadStatic] private static List<Action<bool>>? t_afterTransaction;

    /// <summary>
    /// From inside a write: runs <paramref name="action"/> on the writer thread once the transaction holding that write
    /// has ended, with true when it committed, before any of its writes is acknowledged. How caches learn of a change
    /// exactly when it becomes visible (see <see cref="ActivityCache"/>).
    /// </summary>
    public static void AfterTransaction(Action<bool> action) =>
        (t_afterTransaction ?? throw new InvalidOperationException("AfterTransaction is for work running inside LiteDbWriter.WriteAsync.")).Add(action);

    public Task WriteAsync(Action<LiteDatabase> work, CancellationToken cancellationToken = default) =>
        WriteAsync(db => { work(db); return true; }, cancellationToken);

    private void Run()
    {
        var batch = new List<QueuedWrite>(MaxWritesPerCommit);
        _engine?.ClaimWriterThread();
        try
        {
            // Blocking here is the point: this thread exists only to own LiteDB's transactions.
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var write))
                {
                    Interlocked.Decrement(ref _waiting);
                    if (write.IsCancelled) continue;
                    if (_fault is { } fault)
                    {
                        write.Fail(fault);
                        continue;
                    }
                    batch.Add(write);
                }
                if (batch.Count > 0) CommitBatch(batch);
            }
        }
        catch (Exception ex)
        {
            // Nothing may end this thread by surprise: an exception here would take the whole process down.
            Fault(ex);
            foreach (var write in batch) write.Fail(_fault!);
            while (_queue.Reader.TryRead(out var write)) write.Fail(_fault!);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Fault(Exception cause)
    {
        _fault ??= new StorageFaultedException(
            $"Storage refuses writes after an internal LiteDB error ({cause.Message}); restart the server to reopen the database file.", cause);
    }

    private void RollbackOrFault()
    {
        try
        {
            _database.Rollback();
        }
        catch (Exception ex)
        {
            Fault(ex);
        }
    }

    private void CommitBatch(List<QueuedWrite> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One write failed and took the shared transaction with it: redo each alone so only the bad one fails.
            foreach (var write in batch) CommitAlone(write);
            return;
        }
        catch (Exception ex)
        {
            batch[0].Fail(ex);
            return;
        }
        Acknowledge(batch);
    }

    private void CommitAlone(QueuedWrite write)
    {
        try
        {
            Commit([write]);
        }
        catch (Exception ex)
        {
            write.Fail(ex);
            return;
        }
        Acknowledge([write]);
    }

    private void Commit(IReadOnlyList<QueuedWrite> writes)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // The gate is held for the whole transaction, handed to waiting readers between writes (SerializedLiteEngine).
        _engine?.HoldForWriter();
        t_afterTransaction = [];
        var committed = false;
        try
        {
            _database.BeginTrans();
            try
            {
                foreach (var write in writes)
                {
                    write.Execute(_database);
                    _engine?.LetReadersIn();
                }
                _database.Commit();
                committed = true;
                Interlocked.Increment(ref _commits);
            }
            catch
            {
                RollbackOrFault();
                throw;
            }
        }
        finally
        {
            foreach (var action in t_afterTransaction) action(committed);
            t_afterTransaction = null;
            _engine?.ReleaseWriterHold();
            Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>
    /// Tells the callers their writes are done once they are on disk: waited for here, outside the storage lock, so
    /// readers go on during the disk wait (see <see cref="DurableFiles"/>). If the disk cannot confirm it, the writes
    /// are committed in memory but maybe not on disk: they fail, and storage refuses everything after (see Problem).
    /// </summary>
    private void Acknowledge(IReadOnlyList<QueuedWrite> writes)
    {
        var waiting = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _engine?.WaitUntilDurable();
        }
        catch (Exception ex)
        {
            Fault(ex);
            foreach (var write in writes) write.Fail(_fault!);
            return;
        }
        Interlocked.Add(ref _durableTicks, System.Diagnostics.Stopwatch.GetTimestamp() - waiting);
        foreach (var write in writes) write.Complete();
    }

    /// <summary>Finishes every queued write, then stops the thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
    }
}
