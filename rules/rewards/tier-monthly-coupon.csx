// name: tier-monthly-coupon
// kind: reward
// schedule: 0 10 8 * * ?
// timeZone: Asia/Shanghai
// description: Gold, platinum and diamond members get their tier's monthly coupon once a month; the tier's discount is in the catalog's tiers.
// owner: loyalty-team
#load "../_shared/calendar.csx"
#load "../_shared/tiers.csx"

// Tier entitlements come in two parts. What the shop applies at the till (gold 5% off, platinum 8% and free
// shipping, diamond 10%: the seeds' 95折 / 9折) is in the "tiers" section of rules/catalog.json and read with
// GET /api/customers/{id}/benefits. What is issued is this rule: a monthly coupon for gold and above, whose template
// is named after the tier. The key is the month, so the daily run issues it once per month, also to a member who
// reaches gold mid-month; a member who drops below gold gets none the next month.
var tier = Segment("tier");
if (TierLevel(tier) < 2) return;

var month = LocalToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
GrantCoupon($"tier-{tier}-monthly", $"tier-monthly:{month}", $"{tier} member in {month}: monthly tier coupon");
