namespace RuleEngine.Browser.Tests.Support;

/// <summary>Rules the browser tests add to their copy of the rules folder before the server starts.</summary>
public static class TestRules
{
    /// <summary>A small segmentation rule whose threshold the analyst flow changes (its tests pass either way).</summary>
    public const string SpendBand = "spend-band";

    public const string SpendBandSource = """
        // name: spend-band
        // kind: segmentation
        // schedule: 0 0 3 * * ?
        // description: Spend band by 12-month paid spend: high from 2,000, otherwise low.
        #load "../_shared/calendar.csx"
        var spend = SpendWithin(365);
        var band = spend >= 2000 ? "high" : "low";
        SetSegment("band", band, $"12-month spend {spend:0} → {band}");

        """;

    public const string SpendBandTests = """
        {
          "now": "2026-11-22T02:00:00Z",
          "cases": [
            { "name": "a big spender is high", "orders": [ { "amount": 2500, "daysAgo": 10 } ], "expect": [ { "segment": "band", "value": "high" } ] },
            { "name": "no orders is low", "expect": [ { "segment": "band", "value": "low" } ] }
          ]
        }
        """;

    /// <summary>A rule whose header and explanations carry markup, for the XSS test; the name is as long as names get.</summary>
    public const string Probe = "probe-of-markup-in-rule-text-and-customer-data-rendered-as-text";

    public const string ProbeSource = """
        // name: probe-of-markup-in-rule-text-and-customer-data-rendered-as-text
        // kind: segmentation
        // description: <img src=x onerror="window.__xss='description'"><script>window.__xss='description-script'</script>
        if (Customer.Id == "xss-1") SetSegment("probe", "seen", $"<script>window.__xss='explanation'</script> {Customer.Name}");

        """;

    public static void WriteInto(string rulesPath)
    {
        var folder = Path.Combine(rulesPath, "segmentation");
        File.WriteAllText(Path.Combine(folder, SpendBand + ".csx"), SpendBandSource);
        File.WriteAllText(Path.Combine(folder, SpendBand + ".tests.json"), SpendBandTests);
        File.WriteAllText(Path.Combine(folder, Probe + ".csx"), ProbeSource);
    }
}
