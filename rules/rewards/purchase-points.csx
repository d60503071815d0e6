// name: purchase-points
// kind: reward
// schedule: 0 0 3 * * ?
// timeZone: Asia/Shanghai
// trigger: orders
// description: 1 point per 10 CNY of each paid order, times the member's tier multiplier; once per order.
// owner: loyalty-team
#load "../_shared/tiers.csx"

// 1 point per 10 CNY (100 points buy a 10 CNY coupon: 1% back, more for higher tiers). Purchase points should be
// about 70% of all points issued (the seeds); docs/rule-library.md shows the share on the demo data.
// The multiplier is the member's tier when the order is first seen (ordinary 1, silver 1.1, gold 1.25,
// platinum 1.5, diamond 2). Orders of the last 35 days are looked at, so a missed night or a late-loaded
// order is still paid; the key order:<id> pays each order once. Refunded orders earn nothing
// (refund-reversal takes back points of orders refunded after they were paid).
const int LookbackDays = 35;
const decimal PointsPerCny = 0.1m;

var tier = Segment("tier") ?? "ordinary";
var multiplier = TierMultiplier(tier);
foreach (var order in PaidOrdersWithin(LookbackDays))
{
    var points = (long)Math.Floor(order.Amount * PointsPerCny * multiplier);
    if (points <= 0) continue;
    AwardPoints(points, $"order:{order.Id}", $"order {order.Id} of {order.Amount:0.##} CNY at 1 point per 10 CNY × {multiplier} ({tier}) = {points} points");
}
