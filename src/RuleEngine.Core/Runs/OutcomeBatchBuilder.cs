using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs;

/// <summary>Collects the outcomes rules asked for, over a page of customers, into one storage batch.</summary>
sealed class OutcomeBatchBuilder
{
    readonly List<SegmentAssignment> _segments = [];
    readonly List<ScoreChange> _scores = [];
    readonly List<TagChange> _tags = [];
    readonly List<PointsGrant> _points = [];
    readonly List<FollowUpRequest> _followUps = [];
    readonly List<FollowUpCancellation> _cancellations = [];

    public bool IsEmpty => _segments.Count + _scores.Count + _tags.Count + _points.Count + _followUps.Count + _cancellations.Count == 0;

    public void Add(string customerId, RuleOutcome outcome)
    {
        switch (outcome)
        {
            case SegmentOutcome s: _segments.Add(new SegmentAssignment(customerId, s.Kind, s.Value, s.Because)); break;
            case ScoreOutcome s: _scores.Add(new ScoreChange(customerId, s.Name, s.Value, s.Because)); break;
            case TagOutcome t: _tags.Add(new TagChange(customerId, t.Tag, t.Add, t.Because)); break;
            case PointsOutcome p: _points.Add(new PointsGrant(customerId, p.Type, p.Delta, p.Because, p.ReasonKey, p.Because)); break;
            case TaskOutcome t:
                _followUps.Add(new FollowUpRequest(customerId, t.Key, t.Due, t.Channel, t.Note, t.Priority, Explanation: t.Because));
                break;
            case CancelTaskOutcome c: _cancellations.Add(new FollowUpCancellation(customerId, c.Key, c.Because)); break;
            default: throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown outcome type.");
        }
    }

    public OutcomeBatch Build(OutcomeSource source) => new()
    {
        Source = source, Segments = _segments.ToList(), Scores = _scores.ToList(), Tags = _tags.ToList(),
        Points = _points.ToList(), FollowUps = _followUps.ToList(), Cancellations = _cancellations.ToList(),
    };
}
