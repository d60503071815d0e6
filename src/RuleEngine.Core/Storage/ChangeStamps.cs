namespace RuleEngine.Storage;

/// <summary>
/// Change counters of a writer-kept cache's keys, by stripe: a reader that missed takes its key's stamp before reading
/// the file and keeps what it read only if the stamp is unchanged after keeping it, so a value read before a change was
/// announced never outlives it. Keys sharing a stripe only cost each other a kept read now and then.
/// </summary>
internal sealed class ChangeStamps(int stripes)
{
    readonly long[] _counters = new long[stripes];

    public long Of(string key) => Volatile.Read(ref _counters[StripeOf(key)]);

    public void Changed(string key) => Interlocked.Increment(ref _counters[StripeOf(key)]);

    public void ChangedAll()
    {
        for (var stripe = 0; stripe < _counters.Length; stripe++) Interlocked.Increment(ref _counters[stripe]);
    }

    int StripeOf(string key) => (StringComparer.Ordinal.GetHashCode(key) & int.MaxValue) % _counters.Length;
}
