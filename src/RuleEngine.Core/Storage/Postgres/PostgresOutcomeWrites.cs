using Npgsql;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// The plan changed under it: another transaction (another node, another rule) wrote one of the rows the plan read
/// before this one could. Nothing of the transaction is kept; the write is planned again against the new state.
/// </summary>
internal sealed class PlanConflictException(string what) : Exception($"Stored state changed while the write was planned: {what}.");

/// <summary>
/// A plan's writes as SQL, in the caller's transaction. Each write checks the state its plan assumed (a row still
/// absent, a stay still open, a score still at its old value) by the rows it touched; when another transaction got
/// there first it throws <see cref="PlanConflictException"/> and the whole write is planned again. So the plan needs
/// no lock on the rows it read, and nodes applying different customers never wait for each other. The kept counts are
/// added with <c>ON CONFLICT … DO UPDATE</c>, right whatever runs beside them.
/// </summary>
internal static class PostgresOutcomeWrites
{
    public static async Task ExecuteAsync(NpgsqlConnection c, IEnumerable<OutcomeWrite> writes, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(c);
        var checks = new List<(string What, int Rows)?>();
        var audits = new List<AuditAppended>();
        var all = writes.ToList();
        var bulk = Bulk.Of(all);
        foreach (var (sql, values, what, rows) in bulk.Statements) Add(sql, values, (what, rows));
        foreach (var write in all)
        {
            if (write is AuditAppended audit) audits.Add(audit);
            else if (!bulk.Covers(write))
            {
                var (sql, values, check) = Statement(write);
                Add(sql, values, check is null ? null : (check, 1));
            }
        }
        await using (batch)
        {
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < checks.Count; i++)
                if (checks[i] is { } check && batch.BatchCommands[i].RecordsAffected != check.Rows) throw new PlanConflictException(check.What);
        }
        // After the writes it records, in the same transaction: the entry commits with them or not at all.
        foreach (var audit in audits) await PostgresAuditStore.AppendInAsync(c, audit.Seal, ct);

        void Add(string sql, object?[] values, (string, int)? check)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values) command.Parameters.Add(PostgresSql.Parameter(value));
            batch.BatchCommands.Add(command);
            checks.Add(check);
        }
    }

    /// <summary>
    /// The writes a full run makes by the hundred thousand (stays opened and closed, points entries) as one statement per
    /// kind over arrays, instead of one statement each: the server parses and plans one statement, not thousands. Each
    /// still checks the plan, by the rows it touched against the writes it carries. Only when the writes are independent:
    /// no stay both opened and closed in the batch, no id twice; otherwise they go one by one, in the plan's order.
    /// The inserts carry no <c>ON CONFLICT DO NOTHING</c> (its speculative insertion cost 40% of a full run's stay
    /// inserts): a row that exists meanwhile fails the statement as a unique violation, which, like a plan conflict,
    /// rolls the transaction back and plans the write again (<see cref="PostgresDatabase"/>).
    /// </summary>
    sealed class Bulk
    {
        readonly HashSet<object> _covered = new(ReferenceEqualityComparer.Instance);

        public List<(string Sql, object?[] Values, string What, int Rows)> Statements { get; } = [];

        public bool Covers(OutcomeWrite write) => _covered.Contains(write);

        public static Bulk Of(List<OutcomeWrite> writes)
        {
            var bulk = new Bulk();
            var opened = writes.OfType<StayOpened>().ToList();
            var closed = writes.OfType<StayClosed>().ToList();
            var stayIds = opened.Select(o => o.Stay.Id).Concat(closed.Select(c => c.Stay.Id)).ToList();
            if (opened.Count + closed.Count > 1 && stayIds.Distinct().Count() == stayIds.Count)
            {
                if (closed.Count > 0)
                    bulk.Add(closed, """
                        UPDATE segments s SET is_open = false, body = u.body::jsonb FROM unnest($1::text[], $2::text[]) AS u(id, body)
                        WHERE s.id = u.id AND s.is_open
                        """, [closed.Select(w => w.Stay.Id).ToArray(), closed.Select(w => PostgresSql.Body(w.Stay).Text).ToArray()],
                        $"{closed.Count} segment stays were not all still open");
                if (opened.Count > 0)
                    bulk.Add(opened, """
                        INSERT INTO segments (id, customer_id, kind, value, is_open, body)
                        SELECT id, customer_id, kind, value, true, body::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                            AS u(id, customer_id, kind, value, body)
                        """, [opened.Select(w => w.Stay.Id).ToArray(), opened.Select(w => w.Stay.CustomerId).ToArray(), opened.Select(w => w.Stay.Kind).ToArray(),
                            opened.Select(w => w.Stay.Value).ToArray(), opened.Select(w => PostgresSql.Body(w.Stay).Text).ToArray()],
                        $"of {opened.Count} segment stays some exist");
            }
            var points = writes.OfType<PointsAdded>().ToList();
            if (points.Count > 1 && points.Select(p => p.Entry.Id).Distinct().Count() == points.Count)
                bulk.Add(points, """
                    INSERT INTO points (id, customer_id, delta, body)
                    SELECT id, customer_id, delta, body::jsonb FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS u(id, customer_id, delta, body)
                    """, [points.Select(w => w.Entry.Id).ToArray(), points.Select(w => w.Entry.CustomerId).ToArray(), points.Select(w => w.Entry.Delta).ToArray(),
                        points.Select(w => PostgresSql.Body(w.Entry).Text).ToArray()],
                    $"of {points.Count} points entries some exist");
            return bulk;
        }

        void Add(IEnumerable<OutcomeWrite> writes, string sql, object?[] values, string what)
        {
            var count = 0;
            foreach (var write in writes)
            {
                _covered.Add(write);
                count++;
            }
            Statements.Add((sql, values, what, count));
        }
    }

    /// <summary>The statement, its values, and what it means when it touched no row (null: nothing, it may touch none).</summary>
    static (string Sql, object?[] Values, string? Check) Statement(OutcomeWrite write) => write switch
    {
        StayOpened w => ("INSERT INTO segments (id, customer_id, kind, value, is_open, body) VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT DO NOTHING",
            [w.Stay.Id, w.Stay.CustomerId, w.Stay.Kind, w.Stay.Value, PostgresSql.Body(w.Stay)], $"segment stay {w.Stay.Id} exists"),
        StayClosed w => ("UPDATE segments SET is_open = false, body = $2 WHERE id = $1 AND is_open",
            [w.Stay.Id, PostgresSql.Body(w.Stay)], $"segment stay {w.Stay.Id} is no longer open"),
        ScoreSet { Change.From: null } w => ("""
            WITH score AS (INSERT INTO scores (customer_id, name, value, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1)
            INSERT INTO score_history (id, customer_id, body) SELECT $5, $1, $6 FROM score ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body
            """, [.. ScoreValues(w)], $"score {w.Score.Name} of {w.Score.CustomerId} was set meanwhile"),
        ScoreSet w => ("""
            WITH score AS (UPDATE scores SET value = $3, body = $4 WHERE customer_id = $1 AND name = $2 AND value = $7 RETURNING 1)
            INSERT INTO score_history (id, customer_id, body) SELECT $5, $1, $6 FROM score ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body
            """, [.. ScoreValues(w), w.Change.From], $"score {w.Score.Name} of {w.Score.CustomerId} changed meanwhile"),
        TagAdded w => ("INSERT INTO tags (customer_id, tag, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [w.Tag.CustomerId, w.Tag.Tag, PostgresSql.Body(w.Tag)], $"tag {w.Tag.Tag} of {w.Tag.CustomerId} was added meanwhile"),
        TagRemoved w => ("DELETE FROM tags WHERE customer_id = $1 AND tag = $2", [w.CustomerId, w.Tag], $"tag {w.Tag} of {w.CustomerId} was removed meanwhile"),
        PointsAdded w => ("INSERT INTO points (id, customer_id, delta, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            [w.Entry.Id, w.Entry.CustomerId, w.Entry.Delta, PostgresSql.Body(w.Entry)], $"points entry {w.Entry.Id} exists"),
        TaskCreated w => ("INSERT INTO followups (id, customer_id, status, due, due_key, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            TaskValues(w.Task), $"task {w.Task.Id} exists"),
        TaskChanged w => ("UPDATE followups SET status = $3, due = $4, due_key = $5, body = $6 WHERE id = $1 AND customer_id = $2 AND status = 'Open'",
            TaskValues(w.Task), $"task {w.Task.Id} is no longer open"),
        CouponGranted w => ("INSERT INTO coupons (id, customer_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [w.Coupon.Id, w.Coupon.CustomerId, PostgresSql.Body(w.Coupon)], $"coupon {w.Coupon.Id} exists"),
        DrawChanceGranted w => ("INSERT INTO draw_chances (id, customer_id, campaign, delta, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            [w.Chance.Id, w.Chance.CustomerId, w.Chance.Campaign, w.Chance.Delta, PostgresSql.Body(w.Chance)], $"draw chance {w.Chance.Id} exists"),
        RedemptionMade w => ("INSERT INTO redemptions (id, customer_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [w.Redemption.Id, w.Redemption.CustomerId, PostgresSql.Body(w.Redemption)], $"redemption {w.Redemption.Id} exists"),
        DrawMade w => ("INSERT INTO draws (id, customer_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [w.Draw.Id, w.Draw.CustomerId, PostgresSql.Body(w.Draw)], $"draw {w.Draw.Id} exists"),
        StockIssued w => ("INSERT INTO benefit_stock (stock_key, issued) VALUES ($1, 1) ON CONFLICT (stock_key) DO UPDATE SET issued = benefit_stock.issued + 1",
            [w.StockKey], null),
        SegmentMembersChanged w => ("""
            INSERT INTO segment_counts (kind, value, members) VALUES ($1, $2, $3)
            ON CONFLICT (kind, value) DO UPDATE SET members = segment_counts.members + EXCLUDED.members
            """, [w.Kind, w.Value, w.Delta], null),
        SegmentDayMoved w => ("""
            INSERT INTO segment_days (kind, day, value, moves) SELECT $1, $2::date, value, moves FROM unnest($3::text[], $4::bigint[]) AS m(value, moves)
            ON CONFLICT (kind, day, value) DO UPDATE SET moves = segment_days.moves + EXCLUDED.moves
            """, [w.Kind, DateOnly.ParseExact(w.Day, "yyyy-MM-dd"), w.Moves.Keys.ToArray(), w.Moves.Values.ToArray()], null),
        PointsDayAdded w => ("""
            INSERT INTO points_days (day, earned, spent, expired) VALUES ($1, $2, $3, $4)
            ON CONFLICT (day) DO UPDATE SET earned = points_days.earned + EXCLUDED.earned, spent = points_days.spent + EXCLUDED.spent,
                expired = points_days.expired + EXCLUDED.expired
            """, [DateOnly.ParseExact(w.Day, "yyyy-MM-dd"), w.Flow.Earned, w.Flow.Spent, w.Flow.Expired], null),
        _ => throw new NotSupportedException($"No PostgreSQL statement for {write.GetType().Name}."),
    };

    static object?[] ScoreValues(ScoreSet w) =>
        [w.Score.CustomerId, w.Score.Name, w.Score.Value, PostgresSql.Body(w.Score), Domain.Outcomes.OutcomeKeys.ScoreChange(w.Change), PostgresSql.Body(w.Change)];

    static object?[] TaskValues(Domain.Outcomes.FollowUpTask t) =>
        [t.Id, t.CustomerId, t.Status.ToString(), t.Due, SortKeys.Due(t.Due, t.Id), PostgresSql.Body(t)];
}
