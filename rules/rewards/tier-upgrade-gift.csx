// name: tier-upgrade-gift
// kind: reward
// schedule: 0 15 2 * * ?
// timeZone: Asia/Shanghai
// trigger: orders
// description: A one-time gift of points the first time a member reaches silver (50), gold (100), platinum (250) or diamond (600).
// owner: loyalty-team
#load "../_shared/tiers.csx"
#load "../_shared/points.csx"

// Reads the tier membership-tier set (it runs at 02:00, this at 02:15; on a new order both are triggered and
// membership-tier, a segmentation rule, runs first). Each tier's gift is paid once ever
// (key tier-gift:<tier>): a member who drops a tier and climbs back gets nothing twice. A member who jumps
// several tiers at once gets the gift of the tier reached only.
var tier = Segment("tier");
var level = TierLevel(tier);
if (level <= 0) return; // no tier yet, or ordinary: no gift

var key = $"tier-gift:{tier}";
if (AlreadyPaid(key)) return;
var points = TierGiftPoints(level);
AwardPoints(points, key, $"reached the {tier} tier for the first time: welcome gift of {points} points");
