namespace RuleEngine.Benefits.Catalog;

/// <summary>A catalog problem and the id it concerns (used to find its line).</summary>
public sealed record CatalogProblem(string Message, string? Near);

/// <summary>The checks JSON cannot make. Each problem names the entry and says what to write instead.</summary>
public static class CatalogValidator
{
    /// <summary>Odds are decimals people type (0.15, 0.05...): a sum within this of 1 is 1.</summary>
    const double OddsTolerance = 1e-9;

    public static IReadOnlyList<CatalogProblem> Validate(BenefitCatalog catalog)
    {
        var problems = new List<CatalogProblem>();
        void Problem(string message, string? near) => problems.Add(new CatalogProblem(message, near));

        Unique(catalog.CouponTemplates.Select(t => t.Id), "coupon template", Problem);
        Unique(catalog.Items.Select(i => i.Id), "item", Problem);
        Unique(catalog.Campaigns.Select(c => c.Id), "campaign", Problem);

        foreach (var t in catalog.CouponTemplates)
        {
            Id(t.Id, "coupon template", Problem);
            if (t.Value <= 0) Problem($"Coupon template '{t.Id}': value must be more than 0 (CNY off), not {t.Value}.", t.Id);
            if (t.Threshold < 0) Problem($"Coupon template '{t.Id}': threshold must be 0 (none) or more, not {t.Threshold}.", t.Id);
            if (t.ValidDays <= 0) Problem($"Coupon template '{t.Id}': validDays must be at least 1, not {t.ValidDays}.", t.Id);
        }

        foreach (var item in catalog.Items)
        {
            Id(item.Id, "item", Problem);
            var name = $"Item '{item.Id}'";
            if (!CatalogItemKinds.All.Contains(item.Kind))
                Problem($"{name}: kind '{item.Kind}' is unknown; use {string.Join(", ", CatalogItemKinds.All)}.", item.Id);
            if (item.PointsCost < 0) Problem($"{name}: pointsCost must not be negative ({item.PointsCost}).", item.Id);
            if (item.CashCost < 0) Problem($"{name}: cashCost must not be negative ({item.CashCost}).", item.Id);
            if (item.Stock < 0) Problem($"{name}: stock must not be negative ({item.Stock}); leave it out for unlimited.", item.Id);
            if (item.PointsCost == 0 && (item.CashCost ?? 0) == 0) Problem($"{name}: costs nothing; give it a pointsCost.", item.Id);
            switch (item.Kind)
            {
                case CatalogItemKinds.Coupon when item.Template is null:
                    Problem($"{name}: a coupon item needs a template.", item.Id); break;
                case CatalogItemKinds.Coupon when catalog.Template(item.Template) is null:
                    Problem($"{name}: template '{item.Template}' is not among the coupon templates.", item.Id); break;
                case CatalogItemKinds.DrawChance when item.Campaign is null:
                    Problem($"{name}: a draw-chance item needs a campaign.", item.Id); break;
                case CatalogItemKinds.DrawChance when catalog.Campaign(item.Campaign) is null:
                    Problem($"{name}: campaign '{item.Campaign}' is not among the campaigns.", item.Id); break;
                case CatalogItemKinds.Gift when string.IsNullOrWhiteSpace(item.Title):
                    Problem($"{name}: a gift needs a title.", item.Id); break;
            }
        }

        foreach (var campaign in catalog.Campaigns) ValidateCampaign(catalog, campaign, Problem);

        foreach (var (tier, entitlements) in catalog.Tiers)
            if (entitlements.DiscountPercent is < 0 or > 100)
                Problem($"Tier '{tier}': discountPercent must be between 0 and 100, not {entitlements.DiscountPercent}.", tier);
        if (string.IsNullOrWhiteSpace(catalog.TierSegment)) Problem("tierSegment must name a segment kind (e.g. \"tier\").", "tierSegment");
        return problems;
    }

    static void ValidateCampaign(BenefitCatalog catalog, DrawCampaign campaign, Action<string, string?> problem)
    {
        var name = $"Campaign '{campaign.Id}'";
        Id(campaign.Id, "campaign", problem);
        if (campaign.FreeChances < 0) problem($"{name}: freeChances must not be negative ({campaign.FreeChances}).", campaign.Id);
        if (campaign.PointsPerChance is <= 0) problem($"{name}: pointsPerChance must be more than 0, or left out when chances cannot be bought.", campaign.Id);
        if (campaign.Prizes.Count == 0) problem($"{name}: has no prizes.", campaign.Id);
        Unique(campaign.Prizes.Select(p => p.Id), $"prize of campaign '{campaign.Id}'", problem);
        foreach (var prize in campaign.Prizes)
        {
            Id(prize.Id, "prize", problem);
            var what = $"{name}, prize '{prize.Id}'";
            if (prize.Odds is < 0 or > 1 || double.IsNaN(prize.Odds)) problem($"{what}: odds must be between 0 and 1, not {prize.Odds}.", prize.Id);
            if (prize.Stock < 0) problem($"{what}: stock must not be negative ({prize.Stock}).", prize.Id);
            if (prize.Points < 0) problem($"{what}: points must not be negative ({prize.Points}).", prize.Id);
            if (prize.Coupon is not null && catalog.Template(prize.Coupon) is null)
                problem($"{what}: coupon template '{prize.Coupon}' is not among the coupon templates.", prize.Id);
            if (prize.Coupon is not null && prize.Points is not null) problem($"{what}: give a coupon or points, not both.", prize.Id);
        }
        var sum = campaign.Prizes.Sum(p => p.Odds);
        if (campaign.Prizes.Count > 0 && Math.Abs(sum - 1) > OddsTolerance)
            problem($"{name}: the prizes' odds sum to {sum:0.######}, not 1; add a \"thanks for playing\" prize for the rest or fix the odds.", campaign.Id);
        var fallback = campaign.Prizes.FirstOrDefault(p => p.Id == campaign.FallbackPrize);
        if (fallback is null) problem($"{name}: fallbackPrize '{campaign.FallbackPrize}' is not one of its prizes.", campaign.Id);
        else if (fallback.Stock is not null) problem($"{name}: fallbackPrize '{fallback.Id}' has a stock; the prize given when others run out must not run out itself.", campaign.Id);
    }

    static void Unique(IEnumerable<string> ids, string what, Action<string, string?> problem)
    {
        foreach (var twice in ids.GroupBy(i => i).Where(g => g.Count() > 1))
            problem($"Two {what}s have the id '{twice.Key}'; ids must be unique.", twice.Key);
    }

    static void Id(string id, string what, Action<string, string?> problem)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Contains('|') || id.Trim() != id)
            problem($"The {what} id '{id}' is not usable: it must be non-empty, without spaces around it or '|'.", id);
    }
}
