// name: membership-tier
// kind: segmentation
// schedule: 0 0 2 * * ?
// timeZone: Asia/Shanghai
// trigger: orders, customers
// description: Tier ordinary/silver/gold/platinum/diamond by rolling 12-month spend; upgrades at once, downgrades one level at the monthly review.
// owner: loyalty-team
#load "../_shared/tiers.csx"
#load "../_shared/calendar.csx"

// Thresholds (12-month paid spend, CNY) are in _shared/tiers.csx: silver 1,000, gold 3,000, platinum 8,000,
// diamond 20,000. Upgrades are immediate: with trigger: orders a member who crosses a threshold has the new tier
// within a second of the order (and tier-upgrade-gift, triggered by the same order, pays the gift right after);
// a new customer gets the ordinary tier as soon as the profile is loaded.
// Downgrades are gentle: only at the monthly review (the 1st, shop time) and one level at a time, so a member
// who stops buying slides down a tier a month instead of falling from diamond to ordinary overnight.
var spend = SpendWithin(365);
var earned = EarnedTierLevel(spend);
var current = TierLevel(Segment("tier"));

if (current < 0)
{
    SetSegment("tier", Tiers[earned], $"first tier: 12-month spend {spend:0} reaches {TierThreshold(earned):0} → {Tiers[earned]}");
}
else if (earned > current)
{
    SetSegment("tier", Tiers[earned], $"upgrade: 12-month spend {spend:0} reaches {TierThreshold(earned):0} → {Tiers[current]} to {Tiers[earned]}");
}
else if (earned < current && LocalToday.Day == 1)
{
    var lower = current - 1;
    SetSegment("tier", Tiers[lower],
        $"monthly review: 12-month spend {spend:0} is below {TierThreshold(current):0} for {Tiers[current]} → down one level to {Tiers[lower]}");
}
// Otherwise the tier stays as it is: no outcome.
