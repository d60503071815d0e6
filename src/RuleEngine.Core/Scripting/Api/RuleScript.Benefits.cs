using RuleEngine.Benefits.Catalog;

namespace RuleEngine.Scripting.Api;

/// <summary>Benefits a rule can give: coupons and draw chances, defined in the benefits catalog (<c>rules/catalog.json</c>).</summary>
public abstract partial class RuleScript
{
    /// <summary>
    /// Issues the customer a coupon of catalog template <paramref name="template"/> (its value, threshold and validity
    /// come from the catalog; it is valid from the run's clock) once per <paramref name="reasonKey"/>, like
    /// <see cref="AwardPoints"/>: the same rule, customer and key never issue a second coupon, whatever reruns happen.
    /// A template the catalog does not have fails the customer with that message.
    /// </summary>
    /// <example><c>GrantCoupon("birthday-20", $"birthday:{LocalToday.Year}", "birthday month coupon")</c></example>
    public void GrantCoupon(string template, string reasonKey, string because)
    {
        var id = OutcomeArguments.Key(template, nameof(template));
        if (Context.Catalog is { } catalog && catalog.Template(id) is null) UnknownTemplate(id, catalog);
        Context.Add(new CouponOutcome(id, OutcomeArguments.Key(reasonKey, nameof(reasonKey)), OutcomeArguments.Text(because, nameof(because))));
    }

    /// <summary>
    /// Gives the customer one chance in draw campaign <paramref name="campaign"/> once per <paramref name="reasonKey"/>
    /// (e.g. "add-to-cart:2026-11-22", "streak:2026-11-22"): never twice for the same rule, customer and key.
    /// The member spends it with a draw (<c>POST /api/customers/{id}/draws</c>).
    /// </summary>
    /// <example><c>GrantDrawChance("lucky-wheel", $"add-to-cart:{Iso(day)}", "added to cart")</c></example>
    public void GrantDrawChance(string campaign, string reasonKey, string because)
    {
        var id = OutcomeArguments.Key(campaign, nameof(campaign));
        if (Context.Catalog is { } catalog && catalog.Campaign(id) is null) UnknownCampaign(id, catalog);
        Context.Add(new DrawChanceOutcome(id, OutcomeArguments.Key(reasonKey, nameof(reasonKey)), OutcomeArguments.Text(because, nameof(because))));
    }

    static void UnknownTemplate(string id, BenefitCatalog catalog) => throw new ArgumentException(
        $"Coupon template '{id}' is not in the benefits catalog (rules/catalog.json); it has: {Names(catalog.CouponTemplates.Select(t => t.Id))}.", "template");

    static void UnknownCampaign(string id, BenefitCatalog catalog) => throw new ArgumentException(
        $"Draw campaign '{id}' is not in the benefits catalog (rules/catalog.json); it has: {Names(catalog.Campaigns.Select(c => c.Id))}.", "campaign");

    static string Names(IEnumerable<string> ids) => ids.Any() ? string.Join(", ", ids) : "none";
}
