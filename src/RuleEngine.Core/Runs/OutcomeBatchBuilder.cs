using RuleEngine.Benefits.Catalog;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs;

/// <summary>
/// Collects the outcomes rules asked for, over a page of customers, into one storage batch; for a preview it also keeps
/// each customer's outcomes as asked, whose explanations the batch does not all carry.
/// </summary>
sealed class OutcomeBatchBuilder(bool keepByCustomer = false, BenefitCatalog? catalog = null)
{
    readonly Dictionary<string, List<RuleOutcome>>? _byCustomer = keepByCustomer ? [] : null;
    readonly List<SegmentAssignment> _segments = [];
    readonly List<ScoreChange> _scores = [];
    readonly List<TagChange> _tags = [];
    readonly List<PointsGrant> _points = [];
    readonly List<FollowUpRequest> _followUps = [];
    readonly List<FollowUpCancellation> _cancellations = [];
    readonly List<CouponGrant> _coupons = [];
    readonly List<DrawChanceGrant> _drawChances = [];

    public bool IsEmpty =>
        _segments.Count + _scores.Count + _tags.Count + _points.Count + _followUps.Count + _cancellations.Count + _coupons.Count + _drawChances.Count == 0;

    /// <summary>Each customer's outcomes as the rule asked for them (empty unless kept).</summary>
    public IReadOnlyDictionary<string, List<RuleOutcome>> ByCustomer => _byCustomer ?? [];

    public void Add(string customerId, RuleOutcome outcome)
    {
        if (_byCustomer is not null)
        {
            if (!_byCustomer.TryGetValue(customerId, out var outcomes)) _byCustomer[customerId] = outcomes = [];
            outcomes.Add(outcome);
        }
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
            case CouponOutcome c: _coupons.Add(Coupon(customerId, c)); break;
            case DrawChanceOutcome d: _drawChances.Add(new DrawChanceGrant(customerId, d.Campaign, d.ReasonKey, d.Because)); break;
            default: throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown outcome type.");
        }
    }

    public OutcomeBatch Build(OutcomeSource source) => new()
    {
        Source = source, Segments = _segments.ToList(), Scores = _scores.ToList(), Tags = _tags.ToList(),
        Points = _points.ToList(), FollowUps = _followUps.ToList(), Cancellations = _cancellations.ToList(),
        Coupons = _coupons.ToList(), DrawChances = _drawChances.ToList(),
    };

    /// <summary>The template's terms as the run's catalog has them (the rule's call already checked the template exists).</summary>
    CouponGrant Coupon(string customerId, CouponOutcome c)
    {
        var template = catalog?.Template(c.Template)
            ?? throw new InvalidOperationException($"Coupon template '{c.Template}' is not in the benefits catalog (rules/catalog.json).");
        return new CouponGrant(customerId, template.Id, template.Title, template.Value, template.Threshold, template.ValidDays, c.ReasonKey, c.Because);
    }
}
