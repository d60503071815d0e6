using LiteDB;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// The check-then-write of redemptions and draws. Runs only on the writer thread, inside its transaction: every read
/// here sees every write committed or made before it in the same transaction, and nothing runs in between. A refusal is
/// returned, not thrown, so it never rolls back the other writes sharing the commit.
/// </summary>
internal static class LiteDbBenefitWrites
{
    public static BenefitResult<Redemption> Redeem(LiteDatabase db, RedemptionOrder order)
    {
        var draft = order.Draft;
        var redemptions = db.GetCollection(LiteDbCollections.Redemptions);
        if (redemptions.FindById(draft.Id) is { } existing)
        {
            var earlier = BenefitBson.ToRedemption(existing);
            return earlier.ItemId == draft.ItemId
                ? BenefitResult<Redemption>.Again(earlier)
                : BenefitResult<Redemption>.Refused(BenefitRefusal.KeyReused,
                    $"Idempotency key '{draft.IdempotencyKey}' was already used for a redemption of '{earlier.ItemId}', not '{draft.ItemId}'; use a new key for a new redemption.");
        }
        var balance = Balance(db, draft.CustomerId);
        if (balance < draft.PointsSpent)
            return BenefitResult<Redemption>.Refused(BenefitRefusal.InsufficientPoints,
                $"Customer '{draft.CustomerId}' has {balance} points; '{draft.ItemId}' costs {draft.PointsSpent}. Nothing was spent.");
        var item = order.Item;
        if (item.Stock is { } stock && Issued(db, StockKeys.Item(item.Id)) >= stock)
            return BenefitResult<Redemption>.Refused(BenefitRefusal.OutOfStock,
                $"'{item.Id}' is out of stock (all {stock} issued). Nothing was spent.");

        var source = order.Source;
        if (item.Stock is not null) CountIssued(db, StockKeys.Item(item.Id));
        if (draft.PointsSpent > 0) Spend(db, draft.Id, draft.CustomerId, draft.PointsSpent, $"redeem:{draft.IdempotencyKey}", $"redeemed {item.Id}", source);
        if (order.Template is { } template)
            IssueCoupon(db, draft.CouponId!, draft.CustomerId, template, $"redeem:{draft.IdempotencyKey}", "redemption", source, $"redeemed {item.Id}");
        if (draft.Campaign is { } campaign)
            db.GetCollection(LiteDbCollections.DrawChances).Insert(BenefitBson.ToBson(new DrawChanceEntry
            {
                Id = draft.Id, CustomerId = draft.CustomerId, Campaign = campaign, Delta = 1, Key = $"redeem:{draft.IdempotencyKey}",
                Source = source, Explanation = $"redeemed {item.Id}",
            }));
        redemptions.Insert(BenefitBson.ToBson(draft));
        if (order.Audit is { } seal) LiteDbAuditStore.AppendIn(db, seal);
        return BenefitResult<Redemption>.Made(draft);
    }

    public static BenefitResult<Draw> Draw(LiteDatabase db, DrawOrder order)
    {
        var campaign = order.Campaign;
        var draws = db.GetCollection(LiteDbCollections.Draws);
        if (draws.FindById(order.Id) is { } existing)
        {
            var earlier = BenefitBson.ToDraw(existing);
            return earlier.Campaign == campaign.Id
                ? BenefitResult<Draw>.Again(earlier)
                : BenefitResult<Draw>.Refused(BenefitRefusal.KeyReused,
                    $"Idempotency key '{order.IdempotencyKey}' was already used for a draw in '{earlier.Campaign}', not '{campaign.Id}'; use a new key.");
        }

        // A chance left is spent first; points only when none is left and the caller said to pay with points.
        var chances = campaign.FreeChances + ChancesHeld(db, order.CustomerId, campaign.Id);
        long pointsSpent = 0;
        if (chances <= 0)
        {
            if (!order.PayWithPoints)
                return BenefitResult<Draw>.Refused(BenefitRefusal.NoChanceLeft,
                    $"Customer '{order.CustomerId}' has no chance left in '{campaign.Id}'{(campaign.PointsPerChance is { } p ? $"; send payWithPoints: true to pay {p} points" : "")}.");
            if (campaign.PointsPerChance is not { } price)
                return BenefitResult<Draw>.Refused(BenefitRefusal.ChancesNotForSale,
                    $"Customer '{order.CustomerId}' has no chance left in '{campaign.Id}', and its chances cannot be bought with points.");
            var balance = Balance(db, order.CustomerId);
            if (balance < price)
                return BenefitResult<Draw>.Refused(BenefitRefusal.InsufficientPoints,
                    $"Customer '{order.CustomerId}' has no chance left in '{campaign.Id}' and {balance} points; a chance costs {price}. Nothing was spent.");
            pointsSpent = price;
        }

        var drawn = DrawRoll.Pick(campaign, order.Roll);
        var prize = drawn;
        if (drawn.Stock is { } stock && Issued(db, StockKeys.Prize(campaign.Id, drawn.Id)) >= stock) prize = campaign.Prize(campaign.FallbackPrize);
        var key = $"draw:{order.IdempotencyKey}";
        var source = order.Source;
        var because = $"draw in {campaign.Id}";
        if (pointsSpent > 0) Spend(db, order.Id, order.CustomerId, pointsSpent, key, $"chance in {campaign.Id}", source);
        else
            db.GetCollection(LiteDbCollections.DrawChances).Insert(BenefitBson.ToBson(new DrawChanceEntry
            {
                Id = order.Id, CustomerId = order.CustomerId, Campaign = campaign.Id, Delta = -1, Key = key, Source = source, Explanation = because,
            }));
        if (prize.Stock is not null) CountIssued(db, StockKeys.Prize(campaign.Id, prize.Id));
        string? couponId = null;
        if (prize.Coupon is { } templateId && order.Catalog.Template(templateId) is { } template)
        {
            couponId = order.Id;
            IssueCoupon(db, couponId, order.CustomerId, template, key, "draw", source, $"won {prize.Id} in {campaign.Id}");
        }
        if (prize.Points is > 0 and var won)
        {
            db.GetCollection(LiteDbCollections.Points).Insert(OutcomeBson.ToBson(new PointsEntry
            {
                Id = OutcomeKeys.For(BenefitSources.Draw, order.Id, "prize"), CustomerId = order.CustomerId, Type = PointsEntryType.Earn,
                Delta = won, Reason = $"won {prize.Id} in {campaign.Id}", Key = $"{key}:prize", Source = source, Explanation = because,
            }));
            LiteDbOutcomeWrites.AddPointsDay(db, PointsEntryType.Earn, won, source.At);
        }
        var draw = new Draw
        {
            Id = order.Id, CustomerId = order.CustomerId, Campaign = campaign.Id, IdempotencyKey = order.IdempotencyKey, Roll = order.Roll,
            DrawnPrize = drawn.Id, Prize = prize.Id, PrizeTitle = prize.Title, FellBack = prize != drawn,
            PaidWith = pointsSpent > 0 ? "points" : "chance", PointsSpent = pointsSpent, PointsWon = prize.Points, CouponId = couponId,
            At = order.At, CatalogHash = order.CatalogHash, Actor = order.Actor,
        };
        draws.Insert(BenefitBson.ToBson(draw));
        if (order.Audit is { } audit) LiteDbAuditStore.AppendIn(db, audit(draw));
        return BenefitResult<Draw>.Made(draw);
    }

    public static long Issued(LiteDatabase db, string stockKey) =>
        db.GetCollection(LiteDbCollections.BenefitStock).FindById(stockKey) is { } d ? d["Issued"].AsInt64 : 0;

    static void CountIssued(LiteDatabase db, string stockKey) =>
        db.GetCollection(LiteDbCollections.BenefitStock).Upsert(new BsonDocument { ["_id"] = stockKey, ["Issued"] = Issued(db, stockKey) + 1 });

    static long Balance(LiteDatabase db, string customerId) =>
        db.GetCollection(LiteDbCollections.Points).Find(LiteDbQuery.Equal("CustomerId", customerId)).Sum(d => d["Delta"].AsInt64);

    static long ChancesHeld(LiteDatabase db, string customerId, string campaign) =>
        db.GetCollection(LiteDbCollections.DrawChances).Find(LiteDbQuery.Equal("CustomerId", customerId))
            .Where(d => d["Campaign"].AsString == campaign).Sum(d => (long)d["Delta"].AsInt32);

    static void Spend(LiteDatabase db, string id, string customerId, long points, string key, string reason, OutcomeSource source)
    {
        db.GetCollection(LiteDbCollections.Points).Insert(OutcomeBson.ToBson(new PointsEntry
        {
            Id = id, CustomerId = customerId, Type = PointsEntryType.Spend, Delta = -points, Reason = reason, Key = key, Source = source,
            Explanation = reason,
        }));
        LiteDbOutcomeWrites.AddPointsDay(db, PointsEntryType.Spend, -points, source.At);
    }

    static void IssueCoupon(LiteDatabase db, string id, string customerId, CouponTemplate template, string key, string origin, OutcomeSource source, string because) =>
        db.GetCollection(LiteDbCollections.Coupons).Insert(BenefitBson.ToBson(new Coupon
        {
            Id = id, CustomerId = customerId, Template = template.Id, Title = template.Title, Value = template.Value,
            Threshold = template.Threshold, IssuedAt = source.At, ExpiresAt = source.At.AddDays(template.ValidDays), Key = key,
            Origin = origin, Source = source, Explanation = because,
        }));
}
