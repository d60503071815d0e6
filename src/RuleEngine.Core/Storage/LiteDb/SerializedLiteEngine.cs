using System.Diagnostics;
using LiteDB;
using LiteDB.Engine;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// LiteDB's engine with every call, and every step of a query's reader, made one at a time across threads, and with
/// the engine's own shutdown after an internal error made visible.
/// <para>
/// LiteDB 5.0.20's page cache has a race (litedb-org/LiteDB#2817): once the file outgrows the cache, one thread can
/// recycle a cached page while another has found it but not yet pinned it; the reader then decodes another page's bytes
/// ("page type must be index page") and the engine closes itself. Our 10-minute load hit it within 6 minutes with
/// request threads reading beside the writer. Calls are short (the writer's transaction is many calls, and readers
/// interleave between them), so serialising them costs little next to a dead engine.
/// </para>
/// </summary>
public sealed class SerializedLiteEngine(ILiteEngine engine, DurableFiles? files = null, Func<long>? cacheBytes = null) : ILiteEngine
{
    // Reentrant: an Insert's documents may be produced by code that reads from the same engine on the same thread.
    private readonly Lock _gate = new();
    private volatile string? _problem;

    /// <summary>Null while the engine works; once LiteDB has closed it after an internal error, why (every call now fails).</summary>
    public string? Problem => _problem;

    /// <summary>What LiteDB's page cache has allocated (see <see cref="LiteDbMemory"/>); null when not known.</summary>
    public long? CacheBytes => cacheBytes?.Invoke();

    // The first documents are read in the same turn as the query is opened (and a short query closed in it too): one
    // turn at the gate instead of three for most reads, each of which waits for the writer's slice under ingest.
    public IBsonDataReader Query(string collection, Query query) => Call(() => (IBsonDataReader)new SerializedReader(engine.Query(collection, query), this).Fill());
    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Call(() => engine.Insert(collection, Noted(collection, docs), autoId));
    public int Update(string collection, IEnumerable<BsonDocument> docs) => Call(() => engine.Update(collection, Noted(collection, docs)));
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Call(() => AllNoted(collection, engine.UpdateMany(collection, transform, predicate)));
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Call(() => engine.Upsert(collection, Noted(collection, docs), autoId));
    public int Delete(string collection, IEnumerable<BsonValue> ids) => Call(() =>
    {
        if (_standings is not null && StandingChanges.Watches(collection)) _standings.Deleting(collection, ids = ids.ToList());
        return engine.Delete(collection, ids);
    });
    public int DeleteMany(string collection, BsonExpression predicate) => Call(() => AllNoted(collection, engine.DeleteMany(collection, predicate)));
    public bool DropCollection(string name) => Call(() => AllNoted(name, engine.DropCollection(name)));
    public bool RenameCollection(string name, string newName) => Call(() => AllNoted(name, AllNoted(newName, engine.RenameCollection(name, newName))));
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Call(() => engine.EnsureIndex(collection, name, expression, unique));
    public bool DropIndex(string collection, string name) => Call(() => engine.DropIndex(collection, name));
    public BsonValue Pragma(string name) => Call(() => engine.Pragma(name));
    public bool Pragma(string name, BsonValue value) => Call(() => engine.Pragma(name, value));
    public bool BeginTrans() => Call(engine.BeginTrans);
    public bool Commit() => Call(engine.Commit);
    public bool Rollback() => Call(engine.Rollback);
    public int Checkpoint() => Call(engine.Checkpoint);
    public long Rebuild(RebuildOptions options) => Call(() =>
    {
        var rebuilt = engine.Rebuild(options);
        _standings?.ChangedAll();
        return rebuilt;
    });

    private StandingChanges? _standings;

    /// <summary>From now on every write tells <paramref name="cache"/> which customers' standings it touched (<see cref="StandingChanges"/>).</summary>
    public void KeepStandings(CustomerStandingCache cache) => _standings = new StandingChanges(cache);

    private IEnumerable<BsonDocument> Noted(string collection, IEnumerable<BsonDocument> docs) =>
        _standings is not null && StandingChanges.Watches(collection) ? _standings.Writing(collection, docs) : docs;

    private T AllNoted<T>(string collection, T result)
    {
        if (_standings is not null && StandingChanges.Watches(collection)) _standings.ChangedAll();
        return result;
    }

    /// <summary>
    /// Several reads in one turn at the gate: they see one committed state (no write lands between them), and a reader
    /// waits for the writer's slice once rather than at each of them (a customer's page is six queries; beside a bulk
    /// ingest each wait is a writer slice or a commit).
    /// </summary>
    public T ReadInOneTurn<T>(Func<T> reads) => Call(reads);

    /// <summary>The files this engine was opened over by <see cref="LiteDbFile"/>; null for an engine opened otherwise.</summary>
    internal DurableFiles? Files => files;

    /// <summary>Every commit so far is on disk (see <see cref="DurableFiles"/>); deliberately outside the lock, so readers go on meanwhile.</summary>
    public void WaitUntilDurable() => files?.WaitUntilDurable();

    public void Dispose()
    {
        lock (_gate) engine.Dispose();
        files?.Dispose();
    }

    private long _gateWaitTicks, _gateHeldTicks;

    /// <summary>Seconds callers spent waiting for the gate, and holding it, since start (the storage load in /metrics).</summary>
    /// <summary>How many times a caller outside the writer's hold has entered the gate (each a wait while the writer is busy).</summary>
    public long Turns => Volatile.Read(ref _entries);

    public (double Waited, double Held) GateSeconds =>
        (Interlocked.Read(ref _gateWaitTicks) / (double)Stopwatch.Frequency, Interlocked.Read(ref _gateHeldTicks) / (double)Stopwatch.Frequency);

    // The writer goes first: while it waits for the gate, readers wait for it (see Enter).
    private readonly ManualResetEventSlim _writerNotWaiting = new(initialState: true);
    [ThreadStatic] private static SerializedLiteEngine? t_writerOf;
    private int _readersWaiting, _nested;
    private long _entries, _holdStarted;
    private bool _holding;

    /// <summary>
    /// How long the writer keeps the gate before it lets waiting readers in (between two of its calls). Measured beside
    /// a bulk ingest (docs/reliability.md): 1 ms gave reads p99 101 ms and ingest 0.53x, 5 ms 282 ms and 1.11x; 2 ms
    /// 147 ms and 0.65x, reads first.
    /// </summary>
    public static readonly TimeSpan WriterSlice = TimeSpan.FromMilliseconds(2);

    /// <summary>How long at most the writer, having handed the gate over, lets waiting readers take turns before it asks again.</summary>
    public static readonly TimeSpan ReaderSlice = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Makes the calling thread this engine's writer: when it asks for the gate, it enters before any reader that was not
    /// already inside. Measured under the mixed load, the writer spent 40% of its time waiting behind readers' steps
    /// while every ingest, run record and redemption queued behind it; a reader now waits about one writer slice.
    /// </summary>
    public void ClaimWriterThread() => t_writerOf = this;

    /// <summary>
    /// The writer keeps the gate for a whole transaction instead of asking for it at every call (a 200-row ingest is
    /// hundreds of calls, and each waited for a reader's step), and hands it to waiting readers every
    /// <see cref="WriterSlice"/> at <see cref="LetReadersIn"/>. Ends with <see cref="ReleaseWriterHold"/>.
    /// </summary>
    public void HoldForWriter()
    {
        var asked = Stopwatch.GetTimestamp();
        Enter();
        _holdStarted = Stopwatch.GetTimestamp();
        _gateWaitTicks += _holdStarted - asked;
        _holding = true;
    }

    /// <summary>Between two pieces of the writer's work: if it held the gate a slice and readers wait, one gets in first.</summary>
    public void LetReadersIn()
    {
        if (!_holding || _nested > 0 || t_writerOf != this || Volatile.Read(ref _readersWaiting) == 0
            || Stopwatch.GetElapsedTime(_holdStarted) < WriterSlice) return;
        ReleaseWriterHold();
        // Lock does not queue fairly, and a writer that asks again at once would win it back from the readers: wait
        // until the readers that were waiting have had their turn (or a reader slice has passed), then ask.
        var handedOver = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (Volatile.Read(ref _readersWaiting) > 0 && Stopwatch.GetElapsedTime(handedOver) < ReaderSlice) spin.SpinOnce();
        HoldForWriter();
    }

    public void ReleaseWriterHold()
    {
        _holding = false;
        _gateHeldTicks += Stopwatch.GetTimestamp() - _holdStarted;
        _gate.Exit();
    }

    private void Enter()
    {
        if (t_writerOf == this)
        {
            if (!_gate.TryEnter())
            {
                _writerNotWaiting.Reset();
                _gate.Enter();
                _writerNotWaiting.Set();
            }
            _turnContended = false; // the writer hands the gate over between its calls (LetReadersIn), never reads on
            return;
        }
        // Uncontended (most reads): straight in, no shared counter touched.
        var waited = !_writerNotWaiting.IsSet || !_gate.TryEnter();
        if (waited)
        {
            Interlocked.Increment(ref _readersWaiting);
            _writerNotWaiting.Wait();
            _gate.Enter();
            Interlocked.Decrement(ref _readersWaiting);
        }
        _turnContended = waited;
        Volatile.Write(ref _entries, _entries + 1);
    }

    // Whether the reader inside had to wait for its turn; written and read only by the gate's holder.
    private bool _turnContended;

    private T Call<T>(Func<T> call)
    {
        if (_gate.IsHeldByCurrentThread)
        {
            // Inside the writer's hold (each of its calls is a point where readers may get a turn), or reentrant (an
            // Insert's documents produced by code that reads): the time is already counted.
            LetReadersIn();
            _gate.Enter();
            _nested++;
            try { return Guarded(call); }
            finally
            {
                _nested--;
                _gate.Exit();
            }
        }
        var asked = Stopwatch.GetTimestamp();
        Enter();
        var entered = Stopwatch.GetTimestamp();
        _gateWaitTicks += entered - asked;
        try
        {
            return Guarded(call);
        }
        finally
        {
            _gateHeldTicks += Stopwatch.GetTimestamp() - entered;
            _gate.Exit();
        }
    }

    private T Guarded<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception failure) when (failure is LiteException or ObjectDisposedException && _problem is null && EngineClosed())
        {
            _problem = $"The LiteDB engine closed itself after an internal error ({failure.Message}); restart the server to reopen the database file.";
            throw;
        }
    }

    // Most failures are the caller's (a duplicate id, say) and leave the engine working; a closed engine refuses even this.
    private bool EngineClosed()
    {
        try
        {
            // A read through a transaction, as every real call makes (a pragma read would not notice a closed engine).
            using var probe = engine.Query("$database", new Query());
            probe.Read();
            return false;
        }
        catch (LiteException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>
    /// A query's reader pins and reads pages on each step, so its steps take the same gate; it takes the gate once per
    /// <see cref="ReadAhead"/> documents rather than once per document, so a long scan does not fight the other
    /// threads for the lock at every row.
    /// </summary>
    private sealed class SerializedReader(IBsonDataReader reader, SerializedLiteEngine owner) : IBsonDataReader
    {
        private const int ReadAhead = 128;

        /// <summary>
        /// A reader that had to wait for its turn will wait for the next one too (the writer holds the gate for slices
        /// while readers queue): it reads at least <see cref="ContendedReadAhead"/> documents and on for up to
        /// <see cref="ContendedTurn"/> (at most <see cref="ReadAheadMost"/>), so a dry run's 2,000 orders are two or
        /// three turns instead of sixteen waits. Half the writer's slice, so neither keeps the gate much longer.
        /// </summary>
        private static readonly TimeSpan ContendedTurn = TimeSpan.FromMilliseconds(1);
        private const int ContendedReadAhead = 512;
        private const int ReadAheadMost = 2_048;

        private readonly Queue<BsonValue> _ahead = new(ReadAhead);
        private bool _exhausted;
        private BsonValue _current = BsonValue.Null;

        public BsonValue this[string field] => _current.AsDocument[field] ?? BsonValue.Null;
        public string Collection => reader.Collection;
        public BsonValue Current => _current;
        public bool HasValues => reader.HasValues;

        public bool Read()
        {
            if (_ahead.Count == 0 && !_exhausted) owner.Call(Fill);
            if (!_ahead.TryDequeue(out var next)) return false;
            _current = next;
            return true;
        }

        /// <summary>Reads ahead; called inside the gate. Once the query has no more documents, its reader is closed here.</summary>
        public SerializedReader Fill()
        {
            var started = Stopwatch.GetTimestamp();
            var contended = owner._turnContended;
            var least = contended ? ContendedReadAhead : ReadAhead;
            while (_ahead.Count < least
                   || (contended && _ahead.Count < ReadAheadMost && Stopwatch.GetElapsedTime(started) < ContendedTurn))
            {
                if (!reader.Read())
                {
                    _exhausted = true;
                    reader.Dispose();
                    break;
                }
                _ahead.Enqueue(reader.Current);
            }
            return this;
        }

        public void Dispose()
        {
            if (_exhausted) return;
            _exhausted = true;
            owner.Call(() => { reader.Dispose(); return true; });
        }
    }
}
