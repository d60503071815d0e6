namespace RuleEngine.Runs.Preview;

/// <summary>
/// What makes a run a preview: the draft text evaluated beside the live version on the same customers. The text is
/// kept with the run so that a preview still waiting when the server restarts can be compiled again and run.
/// </summary>
/// <param name="DraftHash">The draft's source hash (as a saved version would have).</param>
/// <param name="ReplayOf">The past run whose as-of time and customers this preview replays, if any.</param>
public sealed record RunPreview(string DraftText, string DraftHash, string? ReplayOf = null);
