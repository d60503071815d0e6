using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// The stored state with the batch's planned writes laid over it: a later outcome of the same batch (a second grant
/// with the same key, a second segment of one kind) sees the earlier one exactly as it would once written, before
/// anything is written.
/// </summary>
internal sealed class StagedState(IOutcomeState stored)
{
    readonly Dictionary<(string CustomerId, string Kind), SegmentMembership?> _openStays = [];
    readonly HashSet<string> _customersRead = new(StringComparer.Ordinal);
    readonly Dictionary<(string CustomerId, string Name), Score> _scores = [];
    readonly Dictionary<(string CustomerId, string Tag), bool> _tags = [];
    readonly HashSet<string> _points = new(StringComparer.Ordinal), _coupons = new(StringComparer.Ordinal), _chances = new(StringComparer.Ordinal);
    readonly Dictionary<string, FollowUpTask> _tasks = new(StringComparer.Ordinal);

    public List<OutcomeWrite> Writes { get; } = [];

    public OutcomeTallies Tallies { get; } = new();

    public SegmentMembership? OpenStay(string customerId, string kind)
    {
        // Read once per customer: a rule set usually assigns several kinds to each customer (grade, tier, lifecycle).
        if (_customersRead.Add(customerId))
            foreach (var stay in stored.OpenStays(customerId)) _openStays.TryAdd((customerId, stay.Kind), stay);
        return _openStays.GetValueOrDefault((customerId, kind));
    }

    public void SetOpenStay(string customerId, string kind, SegmentMembership? stay) => _openStays[(customerId, kind)] = stay;

    public Score? Score(string customerId, string name) =>
        _scores.TryGetValue((customerId, name), out var staged) ? staged : stored.Score(customerId, name);

    public void SetScore(Score score) => _scores[(score.CustomerId, score.Name)] = score;

    public bool HasTag(string customerId, string tag) =>
        _tags.TryGetValue((customerId, tag), out var staged) ? staged : stored.HasTag(customerId, tag);

    public void SetTag(string customerId, string tag, bool present) => _tags[(customerId, tag)] = present;

    /// <summary>True when the id is new (neither stored nor staged) and is now staged.</summary>
    public bool AddPoints(string id) => !stored.HasPoints(id) && _points.Add(id);

    public bool AddCoupon(string id) => !stored.HasCoupon(id) && _coupons.Add(id);

    public bool AddDrawChance(string id) => !stored.HasDrawChance(id) && _chances.Add(id);

    public FollowUpTask? Task(string id) => _tasks.TryGetValue(id, out var staged) ? staged : stored.Task(id);

    public void SetTask(FollowUpTask task) => _tasks[task.Id] = task;
}
