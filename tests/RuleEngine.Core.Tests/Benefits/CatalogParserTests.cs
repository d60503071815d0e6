using RuleEngine.Benefits.Catalog;

namespace RuleEngine.Tests.Benefits;

public class CatalogParserTests
{
    static readonly string ShippedCatalog = Path.Combine(RuleEngine.Tests.Rules.Library.RuleLibrary.Root, BenefitCatalogKeeper.FileName);

    [Fact]
    public void The_shipped_catalog_validates()
    {
        var (catalog, diagnostics) = CatalogParser.Parse(File.ReadAllText(ShippedCatalog), "catalog.json");
        Assert.True(catalog is not null, string.Join("\n", diagnostics));
        Assert.NotEmpty(catalog.Items);
        Assert.Contains(catalog.Items, i => i.Kind == CatalogItemKinds.Coupon && catalog.Template(i.Template!)!.Threshold == 0);
        Assert.Contains(catalog.Items, i => i.Kind == CatalogItemKinds.Coupon && catalog.Template(i.Template!)!.Threshold > 0);
        Assert.Contains(catalog.Items, i => i.CashCost > 0);
    }

    [Fact]
    public void Broken_json_is_reported_at_its_line_and_column()
    {
        var text = "{\n  \"items\": [\n    { \"id\": \"a\", \"kind\": \"gift\" \"title\": \"x\" }\n  ]\n}";
        var (catalog, diagnostics) = CatalogParser.Parse(text, "catalog.json");
        Assert.Null(catalog);
        var problem = Assert.Single(diagnostics);
        Assert.Equal(3, problem.Line);
        Assert.True(problem.Column > 1);
        Assert.Equal("catalog.json", problem.Path);
    }

    [Fact]
    public void A_misspelt_field_is_an_error_not_ignored()
    {
        var (catalog, diagnostics) = CatalogParser.Parse("{ \"items\": [], \"campaings\": [] }", "catalog.json");
        Assert.Null(catalog);
        Assert.Contains("campaings", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Odds_that_do_not_sum_to_one_unknown_templates_and_negative_costs_are_each_reported_at_their_entry()
    {
        var text = """
            {
              "couponTemplates": [ { "id": "t", "title": "T", "value": 5, "validDays": 7 } ],
              "items": [
                { "id": "ok", "kind": "coupon", "template": "t", "pointsCost": 10 },
                { "id": "negative", "kind": "gift", "title": "G", "pointsCost": -5 },
                { "id": "ghost", "kind": "coupon", "template": "nowhere", "pointsCost": 10 }
              ],
              "campaigns": [
                { "id": "bad-odds", "fallbackPrize": "b",
                  "prizes": [ { "id": "a", "title": "A", "odds": 0.5 }, { "id": "b", "title": "B", "odds": 0.3 } ] }
              ]
            }
            """;
        var (catalog, diagnostics) = CatalogParser.Parse(text, "catalog.json");
        Assert.Null(catalog);
        Assert.Contains(diagnostics, d => d.Message.Contains("pointsCost must not be negative") && d.Line == 5);
        Assert.Contains(diagnostics, d => d.Message.Contains("template 'nowhere'") && d.Line == 6);
        Assert.Contains(diagnostics, d => d.Message.Contains("odds sum to 0.8") && d.Line == 9);
        Assert.Equal(3, diagnostics.Count);
    }

    [Fact]
    public void A_fallback_prize_with_a_stock_is_refused()
    {
        var text = """{ "campaigns": [ { "id": "c", "fallbackPrize": "a", "prizes": [ { "id": "a", "title": "A", "odds": 1, "stock": 1 } ] } ] }""";
        Assert.Contains("must not run out", Assert.Single(CatalogParser.Parse(text, "catalog.json").Diagnostics).Message);
    }
}
