using System.Diagnostics;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// The writer's fairness rule between its lanes (see <see cref="LiteDbWriter"/>) while single writes keep it busy: bulk
/// work earns a fifth of the time the single writes take, so it gets a sixth of the writer, counted across turns. A
/// part may overrun what was earned (a part is never cut), and the overrun is paid back by the turns that follow, in
/// which bulk work waits. A turn with no single write waiting runs bulk work whatever it owes (the writer never idles
/// while there is work), and owes its time only if a single write came and waited for it: with no single writes about,
/// bulk work runs as fast as it can.
/// <para>
/// Counted per turn instead (at least one part every turn), a run's parts of ~10 ms beside a shop's turns of ~10 ms took
/// a third to a half of the writer, not a sixth, and every redemption paid for it in its wait and in the pages the
/// parts pushed out of LiteDB's cache (docs/performance.md, "Redemptions").
/// </para>
/// </summary>
internal sealed class BulkShare
{
    public const int Divisor = 5;

    // Earned and owed time are both capped: bulk work that waited through a long stretch of single writes does not then
    // hold the writer for that long in one go, and bulk work that ran alone for a long time does not then wait long.
    static readonly long Cap = Stopwatch.Frequency / 10;

    /// <summary>Stopwatch ticks bulk work may still take while single writes wait; negative while it pays an overrun back.</summary>
    public long Credit { get; private set; }

    public bool MayRun => Credit > 0;

    /// <summary>After a turn's single writes took <paramref name="singlesTicks"/>, with bulk work queued.</summary>
    public void Earn(long singlesTicks) => Credit = Math.Min(Credit + singlesTicks / Divisor, Cap);

    public void Spend(long ticks) => Credit = Math.Max(Credit - ticks, -Cap);

    /// <summary>No bulk work is queued: the next starts with nothing earned and nothing owed.</summary>
    public void Reset() => Credit = 0;
}
