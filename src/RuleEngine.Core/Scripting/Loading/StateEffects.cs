using RuleEngine.Scripting.Api;

namespace RuleEngine.Scripting.Loading;

/// <summary>
/// Which parts of the state rules leave (<see cref="StateParts"/>) a compiled rule can read and which it can change, so
/// that the rules one order triggers can run side by side when neither can see what the other changes (see
/// <see cref="Triggers.TriggerDispatcher"/>). Decided from the members of <see cref="RuleScript"/> the emitted assembly
/// refers to, as <see cref="EventReads"/> is (<see cref="ScriptApiReferences"/>): a script reaches state only through the
/// members named here. When in doubt (unreadable metadata) a rule reads and changes everything, so it runs in order with
/// every other rule.
/// <para>
/// Coupons and draw chances are not here: no rule can read them, and each rule's grants have keys of their own, so two
/// rules granting them in either order leave the same state. Two rules changing the same part do conflict, even the
/// ledger whose entries are keyed per rule: what a deduction may take depends on what was awarded before it.
/// </para>
/// </summary>
public readonly record struct StateEffects(StateParts Reads, StateParts Writes)
{
    public static readonly StateEffects Everything = new(StateParts.All, StateParts.All);

    /// <summary>
    /// The script API members that read a part of the state. A new API member must be classified here, in
    /// <see cref="Changes"/>, or in the test's list of members that touch no state; the test fails until it is.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, StateParts> Reading = new Dictionary<string, StateParts>(StringComparer.Ordinal)
    {
        [nameof(RuleScript.Segment)] = StateParts.Segments,
        [nameof(RuleScript.Score)] = StateParts.Scores,
        [nameof(RuleScript.HasTag)] = StateParts.Tags,
        ["get_" + nameof(RuleScript.PointsBalance)] = StateParts.Ledger,
        ["get_" + nameof(RuleScript.Ledger)] = StateParts.Ledger,
        ["get_" + nameof(RuleScript.OpenTasks)] = StateParts.Tasks,
    };

    /// <summary>The script API members whose outcomes change a part of the state.</summary>
    public static readonly IReadOnlyDictionary<string, StateParts> Changes = new Dictionary<string, StateParts>(StringComparer.Ordinal)
    {
        [nameof(RuleScript.SetSegment)] = StateParts.Segments,
        [nameof(RuleScript.SetScore)] = StateParts.Scores,
        [nameof(RuleScript.Tag)] = StateParts.Tags,
        [nameof(RuleScript.Untag)] = StateParts.Tags,
        [nameof(RuleScript.AwardPoints)] = StateParts.Ledger,
        [nameof(RuleScript.DeductPoints)] = StateParts.Ledger,
        [nameof(RuleScript.ExpirePoints)] = StateParts.Ledger,
        [nameof(RuleScript.CreateTask)] = StateParts.Tasks,
        [nameof(RuleScript.CancelTask)] = StateParts.Tasks,
    };

    /// <summary>
    /// True when the result of running these two rules depends on which runs first: one changes a part the other reads
    /// or changes.
    /// </summary>
    public bool ConflictsWith(StateEffects other) =>
        (Writes & (other.Reads | other.Writes)) != StateParts.None || (Reads & other.Writes) != StateParts.None;

    public static StateEffects Of(byte[] image)
    {
        if (ScriptApiReferences.Of(image) is not { } used) return Everything;
        var (reads, writes) = (StateParts.None, StateParts.None);
        foreach (var name in used)
        {
            reads |= Reading.GetValueOrDefault(name);
            writes |= Changes.GetValueOrDefault(name);
        }
        return new StateEffects(reads, writes);
    }

    public override string ToString() => $"reads {Reads}, changes {Writes}";
}
