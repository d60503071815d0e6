using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Tests.Rules.Library;

/// <summary>
/// What the shipped order-triggered rules read and change, as the dispatcher sees it (<see cref="StateEffects"/>), and
/// so which of them may run side by side: the chain membership-tier → purchase-points → refund-reversal →
/// tier-upgrade-gift must keep its order (each reads what the one before changes), post-purchase-survey need not.
/// </summary>
public class LibraryStateEffectsTests
{
    static StateEffects Of(string path) => RuleLibrary.Compile(path).Rule!.Effects;

    [Theory]
    [InlineData("segmentation/membership-tier.csx", StateParts.Segments, StateParts.Segments)]
    [InlineData("rewards/purchase-points.csx", StateParts.Segments, StateParts.Ledger)]
    [InlineData("rewards/refund-reversal.csx", StateParts.Ledger, StateParts.Ledger)]
    [InlineData("rewards/tier-upgrade-gift.csx", StateParts.Segments | StateParts.Ledger, StateParts.Ledger)]
    [InlineData("followups/post-purchase-survey.csx", StateParts.Tasks, StateParts.Tasks)]
    public void The_order_rules_read_and_change_what_their_code_says(string path, StateParts reads, StateParts changes) =>
        Assert.Equal(new StateEffects(reads, changes), Of(path));

    [Fact]
    public void Only_the_survey_may_run_beside_the_others()
    {
        string[] chain = ["segmentation/membership-tier.csx", "rewards/purchase-points.csx", "rewards/refund-reversal.csx", "rewards/tier-upgrade-gift.csx"];
        for (var i = 1; i < chain.Length; i++) Assert.True(Of(chain[i - 1]).ConflictsWith(Of(chain[i])), $"{chain[i - 1]} and {chain[i]}");
        Assert.All(chain, rule => Assert.False(Of("followups/post-purchase-survey.csx").ConflictsWith(Of(rule)), rule));
    }
}
