using Npgsql;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Benefits on PostgreSQL. A redemption or draw locks its customer (and the stock rows it checks) for the rest of its
/// transaction, then checks and writes (<see cref="BenefitPlan"/>): two requests, on one node or two, can never both see
/// the last 100 points or the last prize. Outcome batches that take points away wait for the same customer lock.
/// </summary>
public sealed class PostgresBenefitStore(PostgresDatabase database) : IBenefitStore
{
    public IReadOnlyList<Coupon> CouponsFor(string customerId) =>
        ByCustomer<Coupon>("coupons", customerId).OrderBy(c => c.IssuedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<DrawChanceEntry> ChancesFor(string customerId) => ByCustomer<DrawChanceEntry>("draw_chances", customerId).OrderBy(c => c.Source.At).ToList();

    public IReadOnlyList<Redemption> RedemptionsFor(string customerId) => ByCustomer<Redemption>("redemptions", customerId).OrderBy(r => r.At).ToList();

    public IReadOnlyList<Draw> DrawsFor(string customerId) => ByCustomer<Draw>("draws", customerId).OrderBy(d => d.At).ToList();

    public long Issued(string stockKey) => database.Read(c =>
        c.Command("SELECT issued FROM benefit_stock WHERE stock_key = $1", stockKey).List(r => r.GetInt64(0))).FirstOrDefault();

    public Task<BenefitResult<Redemption>> RedeemAsync(RedemptionOrder order, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, _) =>
        {
            await PostgresLocks.CustomersAsync(c, [order.Draft.CustomerId], cancellationToken);
            var (result, writes) = await OffThePool(() => BenefitPlan.Redeem(new LockedState(c), order));
            await PostgresOutcomeWrites.ExecuteAsync(c, writes, cancellationToken);
            return result;
        }, cancellationToken);

    public Task<BenefitResult<Draw>> DrawAsync(DrawOrder order, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, _) =>
        {
            await PostgresLocks.CustomersAsync(c, [order.CustomerId], cancellationToken);
            var (result, writes) = await OffThePool(() => BenefitPlan.Draw(new LockedState(c), order));
            await PostgresOutcomeWrites.ExecuteAsync(c, writes, cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Runs a plan, whose state reads are synchronous and may wait for a stock row's lock, on a thread of its own. On
    /// the thread pool, fifty draws of one prize blocked every pool thread in that wait while the transaction holding
    /// the lock sat idle, its continuation queued behind them: they advanced as fast as the pool added threads (about
    /// two a second), 34 s for fifty draws.
    /// </summary>
    static Task<T> OffThePool<T>(Func<T> plan) =>
        Task.Factory.StartNew(plan, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    List<T> ByCustomer<T>(string table, string customerId) => database.Read(c =>
        c.Command($"SELECT body FROM {table} WHERE customer_id = $1", customerId).List(r => PostgresSql.FromBody<T>(r, 0)));

    /// <summary>Reads inside the redemption's transaction, after its customer lock; a stock row is locked as it is read.</summary>
    sealed class LockedState(NpgsqlConnection c) : IBenefitState
    {
        public Redemption? Redemption(string id) =>
            c.Command("SELECT body FROM redemptions WHERE id = $1", id).List(r => PostgresSql.FromBody<Redemption>(r, 0)).FirstOrDefault();

        public Draw? Draw(string id) => c.Command("SELECT body FROM draws WHERE id = $1", id).List(r => PostgresSql.FromBody<Draw>(r, 0)).FirstOrDefault();

        public long Balance(string customerId) =>
            c.Command("SELECT coalesce(sum(delta), 0)::bigint FROM points WHERE customer_id = $1", customerId).List(r => r.GetInt64(0))[0];

        public long ChancesHeld(string customerId, string campaign) =>
            c.Command("SELECT coalesce(sum(delta), 0)::bigint FROM draw_chances WHERE customer_id = $1 AND campaign = $2", customerId, campaign)
                .List(r => r.GetInt64(0))[0];

        /// <summary>Creates the stock row if needed and locks it: two customers taking the last item queue here.</summary>
        public long Issued(string stockKey)
        {
            c.Command("INSERT INTO benefit_stock (stock_key, issued) VALUES ($1, 0) ON CONFLICT DO NOTHING", stockKey).ExecuteNonQuery();
            return c.Command("SELECT issued FROM benefit_stock WHERE stock_key = $1 FOR UPDATE", stockKey).List(r => r.GetInt64(0))[0];
        }
    }
}
