using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>A write waiting for the writer thread; its result is held until the commit succeeds.</summary>
internal abstract class QueuedWrite
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
