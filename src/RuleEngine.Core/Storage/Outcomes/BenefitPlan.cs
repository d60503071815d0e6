using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// The check-then-write of redemptions and draws, for every backend: the checks (idempotency key, balance, chances,
/// stock) read <see cref="IBenefitState"/>, and the writes come back as <see cref="OutcomeWrite"/>s for the backend to
/// execute in the same transaction. A refusal is returned with no writes, never thrown, so it rolls nothing back.
/// </summary>
public static class BenefitPlan
{
    public static (BenefitResult<Redemption> Result, IReadOnlyList<OutcomeWrite> Writes) Redeem(IBenefitState state, RedemptionOrder order)
    {
        var draft = order.Draft;
        if (state.Redemption(draft.Id) is { } earlier)
            return (earlier.ItemId == draft.ItemId
                ? BenefitResult<Redemption>.Again(earlier)
                : BenefitResult<Redemption>.Refused(BenefitRefusal.KeyReused,
                    $"Idempotency key '{draft.IdempotencyKey}' was already used for a redemption of '{earlier.ItemId}', not '{draft.ItemId}'; use a new key for a new redemption."), []);
        var balance = state.Balance(draft.CustomerId);
        if (balance < draft.PointsSpent)
            return (BenefitResult<Redemption>.Refused(BenefitRefusal.InsufficientPoints,
                $"Customer '{draft.CustomerId}' has {balance} points; '{draft.ItemId}' costs {draft.PointsSpent}. Nothing was spent."), []);
        var item = order.Item;
        if (item.Stock is { } stock && state.Issued(StockKeys.Item(item.Id)) >= stock)
            return (BenefitResult<Redemption>.Refused(BenefitRefusal.OutOfStock, $"'{item.Id}' is out of stock (all {stock} issued). Nothing was spent."), []);

        var writes = new List<OutcomeWrite>();
        var source = order.Source;
        var key = $"redeem:{draft.IdempotencyKey}";
        if (item.Stock is not null) writes.Add(new StockIssued(StockKeys.Item(item.Id)));
        if (draft.PointsSpent > 0) Spend(writes, draft.Id, draft.CustomerId, draft.PointsSpent, key, $"redeemed {item.Id}", source);
        if (order.Template is { } template)
            writes.Add(new CouponGranted(Coupon(draft.CouponId!, draft.CustomerId, template, key, "redemption", source, $"redeemed {item.Id}")));
        if (draft.Campaign is { } campaign)
            writes.Add(new DrawChanceGranted(new DrawChanceEntry
            {
                Id = draft.Id, CustomerId = draft.CustomerId, Campaign = campaign, Delta = 1, Key = key, Source = source, Explanation = $"redeemed {item.Id}",
            }));
        writes.Add(new RedemptionMade(draft));
        if (order.Audit is { } seal) writes.Add(new AuditAppended(seal));
        return (BenefitResult<Redemption>.Made(draft), writes);
    }

    public static (BenefitResult<Draw> Result, IReadOnlyList<OutcomeWrite> Writes) Draw(IBenefitState state, DrawOrder order)
    {
        var campaign = order.Campaign;
        if (state.Draw(order.Id) is { } earlier)
            return (earlier.Campaign == campaign.Id
                ? BenefitResult<Draw>.Again(earlier)
                : BenefitResult<Draw>.Refused(BenefitRefusal.KeyReused,
                    $"Idempotency key '{order.IdempotencyKey}' was already used for a draw in '{earlier.Campaign}', not '{campaign.Id}'; use a new key."), []);

        // A chance left is spent first; points only when none is left and the caller said to pay with points.
        var chances = campaign.FreeChances + state.ChancesHeld(order.CustomerId, campaign.Id);
        long pointsSpent = 0;
        if (chances <= 0)
        {
            if (!order.PayWithPoints)
                return (BenefitResult<Draw>.Refused(BenefitRefusal.NoChanceLeft,
                    $"Customer '{order.CustomerId}' has no chance left in '{campaign.Id}'{(campaign.PointsPerChance is { } p ? $"; send payWithPoints: true to pay {p} points" : "")}."), []);
            if (campaign.PointsPerChance is not { } price)
                return (BenefitResult<Draw>.Refused(BenefitRefusal.ChancesNotForSale,
                    $"Customer '{order.CustomerId}' has no chance left in '{campaign.Id}', and its chances cannot be bought with points."), []);
            var balance = state.Balance(order.CustomerId);
            if (balance < price)
                return (BenefitResult<Draw>.Refused(BenefitRefusal.InsufficientPoints,
                    $"Customer '{order.CustomerId}' has no chance left in '{campaign.Id}' and {balance} points; a chance costs {price}. Nothing was spent."), []);
            pointsSpent = price;
        }

        var drawn = DrawRoll.Pick(campaign, order.Roll);
        var prize = drawn;
        if (drawn.Stock is { } stock && state.Issued(StockKeys.Prize(campaign.Id, drawn.Id)) >= stock) prize = campaign.Prize(campaign.FallbackPrize);
        var writes = new List<OutcomeWrite>();
        var key = $"draw:{order.IdempotencyKey}";
        var source = order.Source;
        var because = $"draw in {campaign.Id}";
        if (pointsSpent > 0) Spend(writes, order.Id, order.CustomerId, pointsSpent, key, $"chance in {campaign.Id}", source);
        else
            writes.Add(new DrawChanceGranted(new DrawChanceEntry
            {
                Id = order.Id, CustomerId = order.CustomerId, Campaign = campaign.Id, Delta = -1, Key = key, Source = source, Explanation = because,
            }));
        if (prize.Stock is not null) writes.Add(new StockIssued(StockKeys.Prize(campaign.Id, prize.Id)));
        string? couponId = null;
        if (prize.Coupon is { } templateId && order.Catalog.Template(templateId) is { } template)
        {
            couponId = order.Id;
            writes.Add(new CouponGranted(Coupon(couponId, order.CustomerId, template, key, "draw", source, $"won {prize.Id} in {campaign.Id}")));
        }
        if (prize.Points is > 0 and var won)
        {
            writes.Add(new PointsAdded(new PointsEntry
            {
                Id = OutcomeKeys.For(BenefitSources.Draw, order.Id, "prize"), CustomerId = order.CustomerId, Type = PointsEntryType.Earn,
                Delta = won, Reason = $"won {prize.Id} in {campaign.Id}", Key = $"{key}:prize", Source = source, Explanation = because,
            }));
            writes.Add(new PointsDayAdded(OutcomeTallies.Day(source.At), PointsDay.Of(PointsEntryType.Earn, won)));
        }
        var draw = new Draw
        {
            Id = order.Id, CustomerId = order.CustomerId, Campaign = campaign.Id, IdempotencyKey = order.IdempotencyKey, Roll = order.Roll,
            DrawnPrize = drawn.Id, Prize = prize.Id, PrizeTitle = prize.Title, FellBack = prize != drawn,
            PaidWith = pointsSpent > 0 ? "points" : "chance", PointsSpent = pointsSpent, PointsWon = prize.Points, CouponId = couponId,
            At = order.At, CatalogHash = order.CatalogHash, Actor = order.Actor,
        };
        writes.Add(new DrawMade(draw));
        if (order.Audit is { } audit) writes.Add(new AuditAppended(audit(draw)));
        return (BenefitResult<Draw>.Made(draw), writes);
    }

    static void Spend(List<OutcomeWrite> writes, string id, string customerId, long points, string key, string reason, OutcomeSource source)
    {
        writes.Add(new PointsAdded(new PointsEntry
        {
            Id = id, CustomerId = customerId, Type = PointsEntryType.Spend, Delta = -points, Reason = reason, Key = key, Source = source, Explanation = reason,
        }));
        writes.Add(new PointsDayAdded(OutcomeTallies.Day(source.At), PointsDay.Of(PointsEntryType.Spend, -points)));
    }

    static Coupon Coupon(string id, string customerId, CouponTemplate template, string key, string origin, OutcomeSource source, string because) => new()
    {
        Id = id, CustomerId = customerId, Template = template.Id, Title = template.Title, Value = template.Value, Threshold = template.Threshold,
        IssuedAt = source.At, ExpiresAt = source.At.AddDays(template.ValidDays), Key = key, Origin = origin, Source = source, Explanation = because,
    };
}
