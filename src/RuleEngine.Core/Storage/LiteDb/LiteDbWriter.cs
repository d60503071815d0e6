using System.Diagnostics;
using System.Threading.Channels;
using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// The only way anything writes to the LiteDB file. LiteDB 5.0.20 can corrupt its file when two collections
/// are written concurrently and binds explicit transactions to the OS thread, so one dedicated thread takes
/// queued writes, runs as many as are waiting inside one transaction and commits them together: one commit per
/// batch is what makes thousands of small writes per second possible. A caller's task completes only after the
/// commit that contains its work, so an acknowledged write is durable.
/// <para>
/// Two lanes: single writes (<see cref="WriteAsync{T}"/>: a redemption, a run's record, an ingest request) and bulk work
/// cut into parts (<see cref="WriteInPartsAsync{T}"/>: a run page's outcomes). Each turn commits the single writes
/// waiting, then bulk parts in a commit of their own until a single write is queued; while single writes keep the writer
/// busy, bulk work gets a sixth of it (<see cref="BulkShare"/>). So a shop's redemption waits for a few parts of a run
/// page at most, never for the page, and a run keeps a sixth of the writer however busy the shop is.
/// </para>
/// </summary>
public sealed class LiteDbWriter : IAsyncDisposable
{
    /// <summary>How many queued writes at most share one commit (each may itself hold thousands of documents).</summary>
    public const int MaxWritesPerCommit = 64;

    private readonly LiteDatabase _database;
    private readonly Channel<QueuedWork> _queue = Channel.CreateUnbounded<QueuedWork>(new() { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Commits waiting to be made durable and acknowledged, in commit order (see Acknowledge).
    private readonly Channel<QueuedWrite[]> _committed = Channel.CreateUnbounded<QueuedWrite[]>(new() { SingleReader = true, SingleWriter = true });
    private readonly Thread _durability;
    private long _commits;

    private readonly SerializedLiteEngine? _engine;

    public LiteDbWriter(LiteDatabase database)
    {
        _database = database;
        _engine = LiteDbFile.EngineOf(database);
        new Thread(Run) { IsBackground = true, Name = "LiteDB writer" }.Start();
        _durability = new Thread(AcknowledgeDurable) { IsBackground = true, Name = "LiteDB durability" };
        _durability.Start();
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

    /// <summary>Single writes queued and not yet taken into a transaction.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting; // the single-reader channel keeps no count; decremented when a write joins a transaction

    /// <summary>Seconds the writer spent in transactions (work and commit), and seconds commits waited for the disk after them (meanwhile the writer goes on), since start.</summary>
    public (double Busy, double Durable) Seconds =>
        (Interlocked.Read(ref _busyTicks) / (double)Stopwatch.Frequency, Interlocked.Read(ref _durableTicks) / (double)Stopwatch.Frequency);

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

    /// <summary>True on the writer thread inside a transaction (where <see cref="AfterTransaction"/> may be called).</summary>
    internal static bool InTransaction => t_afterTransaction is not null;

    public Task WriteAsync(Action<LiteDatabase> work, CancellationToken cancellationToken = default) =>
        WriteAsync(db => { work(db); return true; }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="parts"/> in order on the writer thread as bulk work, and completes with their results once
    /// the last is durable. Parts share a transaction while no single write waits; once one is queued, the transaction
    /// commits after the part in progress (or after what <see cref="BulkShare"/> allows it) and the
    /// single writes go next. Parts are therefore not atomic
    /// together: if one throws, the parts committed before it stay and the task fails. Each part must be safe to apply
    /// again (outcome batches are, by their deterministic keys). Cancellation counts only before the first part.
    /// </summary>
    public Task<IReadOnlyList<T>> WriteInPartsAsync<T>(IReadOnlyList<Func<LiteDatabase, T>> parts, CancellationToken cancellationToken = default)
    {
        var work = new QueuedParts<T>(parts, cancellationToken);
        if (parts.Count > 0 && !_queue.Writer.TryWrite(work)) throw new ObjectDisposedException(nameof(LiteDbWriter));
        return work.Task;
    }

    private void Run()
    {
        var singles = new Queue<QueuedWrite>();
        var bulk = new Queue<QueuedParts>();
        var batch = new List<QueuedWrite>(MaxWritesPerCommit);
        var share = new BulkShare();
        _engine?.ClaimWriterThread();
        try
        {
            // Blocking here is the point: this thread exists only to own LiteDB's transactions.
            while (true)
            {
                while (_queue.Reader.TryRead(out var work))
                {
                    if (work is QueuedWrite write) singles.Enqueue(write);
                    else bulk.Enqueue((QueuedParts)work);
                }
                if (singles.Count == 0 && bulk.Count == 0)
                {
                    if (!_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) break;
                    continue;
                }
                batch.Clear();
                while (batch.Count < MaxWritesPerCommit && singles.TryDequeue(out var write))
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
                var singlesStarted = Stopwatch.GetTimestamp();
                var hadSingles = batch.Count > 0;
                if (hadSingles) CommitBatch(batch);
                var singlesTook = Stopwatch.GetTimestamp() - singlesStarted;
                batch.Clear();
                if (!bulk.TryPeek(out var parts)) continue;
                if (!hadSingles)
                {
                    // Nothing waited when the parts began; what they took is owed only if a single write waited for them.
                    var took = CommitParts(parts, batch, minimumTicks: 0);
                    if (Waiting > 0) share.Spend(took);
                }
                else
                {
                    share.Earn(singlesTook);
                    if (share.MayRun) share.Spend(CommitParts(parts, batch, share.Credit));
                }
                if (parts.HasNext) continue;
                bulk.Dequeue();
                if (bulk.Count == 0) share.Reset();
            }
        }
        catch (Exception ex)
        {
            // Nothing may end this thread by surprise: an exception here would take the whole process down.
            Fault(ex);
            foreach (var write in batch) write.Fail(_fault!);
            foreach (var write in singles) write.Fail(_fault!);
            foreach (var parts in bulk) parts.Fail(_fault!);
            while (_queue.Reader.TryRead(out var work))
            {
                if (work is QueuedWrite write) write.Fail(_fault!);
                else ((QueuedParts)work).Fail(_fault!);
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// Commits parts of <paramref name="bulk"/> in one transaction: at least one, and more while no single write is
    /// queued or until <paramref name="minimumTicks"/> have passed. A part that throws takes the transaction with it,
    /// and the bulk work fails. Returns the ticks it took.
    /// </summary>
    private long CommitParts(QueuedParts bulk, List<QueuedWrite> parts, long minimumTicks)
    {
        if (bulk.IsCancelled)
        {
            bulk.Fail(new OperationCanceledException());
            return 0;
        }
        if (_fault is { } fault)
        {
            bulk.Fail(fault);
            return 0;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            Commit(() => bulk.HasNext && (parts.Count == 0 || Waiting == 0 || Stopwatch.GetTimestamp() - started < minimumTicks)
                ? Take(bulk.Next())
                : null);
        }
        catch (Exception ex)
        {
            bulk.Fail(ex);
            return Stopwatch.GetTimestamp() - started;
        }
        Acknowledge(parts);
        return Stopwatch.GetTimestamp() - started;

        QueuedWrite Take(QueuedWrite part)
        {
            parts.Add(part);
            return part;
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
        var next = 0;
        Commit(() => next < writes.Count ? writes[next++] : null);
    }

    /// <summary>One transaction of the writes <paramref name="next"/> gives until it gives null.</summary>
    private void Commit(Func<QueuedWrite?> next)
    {
        var started = Stopwatch.GetTimestamp();
        // The gate is held for the whole transaction, handed to waiting readers between writes (SerializedLiteEngine).
        _engine?.HoldForWriter();
        t_afterTransaction = [];
        var committed = false;
        try
        {
            _database.BeginTrans();
            try
            {
                while (next() is { } write)
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
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>
    /// Hands committed writes to the durability thread, which tells their callers they are done once they are on disk.
    /// The writer goes on with the next transaction meanwhile: one fsync then confirms every commit made before it
    /// (a group commit), and readers go on during the disk wait too, as it is outside the storage lock (see
    /// <see cref="DurableFiles"/>).
    /// </summary>
    private void Acknowledge(IReadOnlyList<QueuedWrite> writes) => _committed.Writer.TryWrite([.. writes]);

    /// <summary>
    /// The durability thread: waits for the disk to hold every commit handed over so far, then completes their writes
    /// in commit order. If the disk cannot confirm it, those writes are committed in memory but maybe not on disk: they
    /// fail, and storage refuses everything after (see Problem).
    /// </summary>
    private void AcknowledgeDurable()
    {
        var groups = new List<QueuedWrite[]>();
        while (_committed.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            groups.Clear();
            while (_committed.Reader.TryRead(out var group)) groups.Add(group);
            var waiting = Stopwatch.GetTimestamp();
            try
            {
                // LiteDB's log writer sets "queue empty" only under the lock its enqueue resets it with, so once it is set
                // after these commits, their pages are written to the OS; the fsync then puts them on disk.
                _engine?.WaitUntilDurable();
            }
            catch (Exception ex)
            {
                Fault(ex);
                foreach (var write in groups.SelectMany(g => g)) write.Fail(_fault!);
                continue;
            }
            Interlocked.Add(ref _durableTicks, Stopwatch.GetTimestamp() - waiting);
            foreach (var write in groups.SelectMany(g => g)) write.Complete();
        }
    }

    /// <summary>Finishes every queued write, then stops the thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
        _committed.Writer.TryComplete();
        await Task.Run(_durability.Join).ConfigureAwait(false);
    }
}
