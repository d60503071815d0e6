namespace RuleEngine.Reliability.Crash;

/// <summary>The crashed folder's points ledger and task list next to the clean reference's, entry by entry.</summary>
public sealed record ReferenceComparison(
    int ReferencePoints, int ReferenceTasks, int MissingPoints, int ExtraPoints, int DifferentPoints, int MissingTasks, int ExtraTasks, int DifferentTasks)
{
    public bool Matches => MissingPoints + ExtraPoints + DifferentPoints + MissingTasks + ExtraTasks + DifferentTasks == 0;

    public static ReferenceComparison Of(
        (Dictionary<string, string> Points, Dictionary<string, string> Tasks) crashed,
        (Dictionary<string, string> Points, Dictionary<string, string> Tasks) reference)
    {
        var points = Compare(crashed.Points, reference.Points);
        var tasks = Compare(crashed.Tasks, reference.Tasks);
        return new ReferenceComparison(reference.Points.Count, reference.Tasks.Count,
            points.Missing, points.Extra, points.Different, tasks.Missing, tasks.Extra, tasks.Different);
    }

    static (int Missing, int Extra, int Different) Compare(Dictionary<string, string> crashed, Dictionary<string, string> reference) => (
        reference.Keys.Count(id => !crashed.ContainsKey(id)),
        crashed.Keys.Count(id => !reference.ContainsKey(id)),
        reference.Count(entry => crashed.TryGetValue(entry.Key, out var line) && line != entry.Value));
}
