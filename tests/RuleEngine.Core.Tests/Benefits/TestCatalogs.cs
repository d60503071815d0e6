namespace RuleEngine.Tests.Benefits;

/// <summary>Small catalogs for tests, as analysts would write them.</summary>
static class TestCatalogs
{
    /// <summary>
    /// coupon-10 costs 100 points; limited costs 10 points with a stock of 3; wheel has one free chance, chances cost
    /// 10 points, and always draws the tote (stock 5), falling back to thanks.
    /// </summary>
    public const string Small = """
        {
          "couponTemplates": [ { "id": "small-10", "title": "10 off", "value": 10, "threshold": 0, "validDays": 30 } ],
          "items": [
            { "id": "coupon-10", "kind": "coupon", "template": "small-10", "pointsCost": 100 },
            { "id": "limited", "kind": "gift", "title": "Limited gift", "pointsCost": 10, "stock": 3 },
            { "id": "wheel-chance", "kind": "draw-chance", "campaign": "wheel", "pointsCost": 10 }
          ],
          "campaigns": [
            { "id": "wheel", "freeChances": 1, "pointsPerChance": 10, "fallbackPrize": "thanks",
              "prizes": [ { "id": "tote", "title": "Tote", "odds": 1, "stock": 5 }, { "id": "thanks", "title": "Thanks", "odds": 0 } ] },
            { "id": "mixed", "freeChances": 100, "fallbackPrize": "thanks",
              "prizes": [ { "id": "coupon", "title": "10 off", "odds": 0.25, "coupon": "small-10" }, { "id": "points", "title": "5 points", "odds": 0.25, "points": 5 },
                          { "id": "thanks", "title": "Thanks", "odds": 0.5 } ] }
          ],
          "tiers": { "gold": { "discountPercent": 5 } }
        }
        """;
}
