using Npgsql;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// What an outcome plan can ask about a batch, read up front in one query per table (by the deterministic ids and the
/// batch's customers), so planning a page of a thousand customers costs a handful of round trips, not thousands.
/// </summary>
internal sealed class PostgresOutcomeState : IOutcomeState
{
    readonly ILookup<string, SegmentMembership> _openStays;
    readonly Dictionary<(string, string), Score> _scores;
    readonly HashSet<(string, string)> _tags;
    readonly HashSet<string> _points, _coupons, _chances;
    readonly Dictionary<string, FollowUpTask> _tasks;

    PostgresOutcomeState(NpgsqlConnection c, OutcomeBatch batch)
    {
        var rule = batch.Source.Rule;
        string Id(string customerId, string key) => OutcomeKeys.For(rule, customerId, key);
        _openStays = (batch.Segments.Count == 0 ? [] : OpenStaysOf(c, batch.Segments.Select(s => s.CustomerId))).ToLookup(s => s.CustomerId, StringComparer.Ordinal);
        _scores = (batch.Scores.Count == 0 ? [] : c.Command(
                "SELECT s.body FROM scores s JOIN unnest($1::text[], $2::text[]) AS k(customer_id, name) USING (customer_id, name)",
                batch.Scores.Select(s => s.CustomerId).ToArray(), batch.Scores.Select(s => s.Name).ToArray())
            .List(r => PostgresSql.FromBody<Score>(r, 0))).DistinctBy(s => (s.CustomerId, s.Name)).ToDictionary(s => (s.CustomerId, s.Name));
        _tags = (batch.Tags.Count == 0 ? [] : c.Command(
                "SELECT t.customer_id, t.tag FROM tags t JOIN unnest($1::text[], $2::text[]) AS k(customer_id, tag) USING (customer_id, tag)",
                batch.Tags.Select(t => t.CustomerId).ToArray(), batch.Tags.Select(t => t.Tag).ToArray())
            .List(r => (r.GetString(0), r.GetString(1)))).ToHashSet();
        _points = Ids(c, "points", batch.Points.Select(p => Id(p.CustomerId, p.Key)));
        _coupons = Ids(c, "coupons", batch.Coupons.Select(p => Id(p.CustomerId, p.Key)));
        _chances = Ids(c, "draw_chances", batch.DrawChances.Select(p => Id(p.CustomerId, p.Key)));
        var taskIds = batch.FollowUps.Select(f => Id(f.CustomerId, f.Key)).Concat(batch.Cancellations.Select(f => Id(f.CustomerId, f.Key))).Distinct().ToArray();
        _tasks = (taskIds.Length == 0 ? [] : c.Command("SELECT body FROM followups WHERE id = ANY($1)", taskIds)
            .List(r => PostgresSql.FromBody<FollowUpTask>(r, 0))).ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public static PostgresOutcomeState Read(NpgsqlConnection connection, OutcomeBatch batch) => new(connection, batch);

    static List<SegmentMembership> OpenStaysOf(NpgsqlConnection c, IEnumerable<string> customerIds)
    {
        var (filter, values) = CustomerKeys.Filter(customerIds);
        return c.Command($"SELECT body FROM segments WHERE {filter} AND is_open", values).List(r => PostgresSql.FromBody<SegmentMembership>(r, 0));
    }

    static HashSet<string> Ids(NpgsqlConnection c, string table, IEnumerable<string> ids)
    {
        var wanted = ids.Distinct().ToArray();
        return wanted.Length == 0 ? [] : c.Command($"SELECT id FROM {table} WHERE id = ANY($1)", wanted).List(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<SegmentMembership> OpenStays(string customerId) => _openStays[customerId].ToList();

    public Score? Score(string customerId, string name) => _scores.GetValueOrDefault((customerId, name));

    public bool HasTag(string customerId, string tag) => _tags.Contains((customerId, tag));

    public bool HasPoints(string id) => _points.Contains(id);

    public FollowUpTask? Task(string id) => _tasks.GetValueOrDefault(id);

    public bool HasCoupon(string id) => _coupons.Contains(id);

    public bool HasDrawChance(string id) => _chances.Contains(id);
}
