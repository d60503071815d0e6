namespace RuleEngine.Triggers;

/// <summary>
/// An in-memory nudge from ingest to the dispatcher: "something was committed to the outbox". Only a hint for latency;
/// the outbox is the truth, and the dispatcher also polls it, so a lost signal (or a restart) delays nothing for long.
/// </summary>
public sealed class TriggerSignal
{
    readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        try
        {
            if (_raised.CurrentCount == 0) _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Raised twice at once: one wake-up is all it means.
        }
    }

    /// <summary>True when raised before <paramref name="timeout"/> ran out.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => _raised.WaitAsync(timeout, cancellation);
}
