using System.Collections.Concurrent;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// One thread that runs LiteDB's log writer loop (see <see cref="DurableFiles.Attach"/>): a task scheduler, so that the
/// loop's awaits resume here instead of inline on the thread that queued the pages.
/// </summary>
internal sealed class LogWriterThread : TaskScheduler, IDisposable
{
    readonly BlockingCollection<Task> _tasks = [];
    readonly Thread _thread;

    public LogWriterThread()
    {
        _thread = new Thread(() =>
        {
            foreach (var task in _tasks.GetConsumingEnumerable()) TryExecuteTask(task);
        }) { IsBackground = true, Name = "LiteDB log writer" };
        _thread.Start();
    }

    protected override void QueueTask(Task task)
    {
        try
        {
            _tasks.Add(task);
        }
        catch (InvalidOperationException)
        {
            // Disposed: whatever still comes (the loop's last turn when LiteDB closes late) runs on the pool.
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    public void Dispose() => _tasks.CompleteAdding();
}
