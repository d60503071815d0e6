using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Something queued for the writer thread: one write (<see cref="QueuedWrite"/>) or bulk work in parts (<see cref="QueuedParts"/>).</summary>
internal abstract class QueuedWork;

/// <summary>A write waiting for the writer thread; its result is held until the commit succeeds.</summary>
internal abstract class QueuedWrite : QueuedWork
{
    public abstract bool IsCancelled { get; }
    public abstract void Execute(LiteDatabase database);
    public abstract void Complete();
    public abstract void Fail(Exception exception);
}

internal sealed class QueuedWrite<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken) : QueuedWrite
{
    // Continuations must not run on the writer thread: they would block the next commit.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsCancelled
    {
        get
        {
            // Cancellation counts only before the work starts; once committed, the caller gets the result.
            if (!cancellationToken.IsCancellationRequested) return false;
            _completion.TrySetCanceled(cancellationToken);
            return true;
        }
    }

    public override void Execute(LiteDatabase database) => _result = work(database);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>
/// Bulk work cut into parts that the writer takes one at a time, each part a write of its own (see
/// <see cref="LiteDbWriter.WriteInPartsAsync{T}"/>). The whole completes when its last part is durable, or fails with the
/// first part that fails; the parts after that one are never run.
/// </summary>
internal abstract class QueuedParts : QueuedWork
{
    /// <summary>Cancellation counts only before the first part; once started, the parts run to the end.</summary>
    public abstract bool IsCancelled { get; }

    public abstract bool HasNext { get; }

    public abstract QueuedWrite Next();

    public abstract void Fail(Exception exception);
}

internal sealed class QueuedParts<T> : QueuedParts
{
    private readonly IReadOnlyList<Func<LiteDatabase, T>> _parts;
    private readonly CancellationToken _cancellationToken;
    private readonly TaskCompletionSource<IReadOnlyList<T>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly T[] _results;
    private int _next, _done; // _next on the writer thread, _done on the durability thread
    private volatile bool _failed;

    public QueuedParts(IReadOnlyList<Func<LiteDatabase, T>> parts, CancellationToken cancellationToken)
    {
        (_parts, _cancellationToken, _results) = (parts, cancellationToken, new T[parts.Count]);
        if (parts.Count == 0) _completion.TrySetResult(_results);
    }

    public Task<IReadOnlyList<T>> Task => _completion.Task;

    public override bool IsCancelled
    {
        get
        {
            if (_next > 0 || !_cancellationToken.IsCancellationRequested) return false;
            _completion.TrySetCanceled(_cancellationToken);
            return true;
        }
    }

    public override bool HasNext => !_failed && _next < _parts.Count;

    public override QueuedWrite Next() => new Part(this, _next++);

    public override void Fail(Exception exception)
    {
        _failed = true;
        _completion.TrySetException(exception);
    }

    private void Completed(int index, T result)
    {
        _results[index] = result;
        if (++_done == _parts.Count) _completion.TrySetResult(_results);
    }

    private sealed class Part(QueuedParts<T> whole, int index) : QueuedWrite
    {
        private T? _result;

        public override bool IsCancelled => false;

        public override void Execute(LiteDatabase database) => _result = whole._parts[index](database);

        public override void Complete() => whole.Completed(index, _result!);

        public override void Fail(Exception exception) => whole.Fail(exception);
    }
}
