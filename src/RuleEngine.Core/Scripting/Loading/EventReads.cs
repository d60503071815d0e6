using RuleEngine.Scripting.Api;

namespace RuleEngine.Scripting.Loading;

/// <summary>
/// Whether a compiled rule can read the customer's events, so that a run over a rule that never does skips reading
/// them (they are the largest input: several times the orders). Decided from the emitted assembly rather than the
/// source, so it sees exactly what the code calls, #load-ed files and cached compiles included
/// (<see cref="ScriptApiReferences"/>). When in doubt (unreadable metadata) the answer is yes.
/// </summary>
public static class EventReads
{
    /// <summary>
    /// The script API members that read events. A new API member that does must be added here; a test lists every
    /// public member of <see cref="RuleScript"/> and fails until each is classified.
    /// </summary>
    public static readonly IReadOnlySet<string> Members = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_" + nameof(RuleScript.Events), nameof(RuleScript.EventsOfType), "get_" + nameof(RuleScript.SignInStreak),
    };

    public static bool By(byte[] image) => ScriptApiReferences.Of(image) is not { } used || used.Overlaps(Members);
}
