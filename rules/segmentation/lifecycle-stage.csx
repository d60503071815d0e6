// name: lifecycle-stage
// kind: segmentation
// schedule: 0 10 2 * * ?
// timeZone: Asia/Shanghai
// description: Lifecycle stage from purchase history - prospect, first-time, repeat, loyal, at-risk, lapsed.
// owner: crm-analytics

// The stages, checked in this order (first match wins):
//   prospect     never bought (paid)
//   lapsed       no purchase for more than 180 days
//   at-risk      no purchase for 91 to 180 days
//   first-time   bought once, recently
//   loyal        5 or more purchases in the last 12 months
//   repeat       everyone else who bought more than once
const int AtRiskAfterDays = 90, LapsedAfterDays = 180, LoyalOrdersPerYear = 5;

var paidEver = Orders.Count(o => o.Status == OrderStatus.Paid);
if (DaysSinceLastOrder is not { } daysSince)
{
    SetSegment("lifecycle", "prospect", "no paid order yet");
    return;
}

var perYear = OrderCountWithin(365);
var (stage, why) =
    daysSince > LapsedAfterDays ? ("lapsed", $"last purchase {daysSince} days ago (more than {LapsedAfterDays})")
    : daysSince > AtRiskAfterDays ? ("at-risk", $"last purchase {daysSince} days ago (more than {AtRiskAfterDays})")
    : paidEver == 1 ? ("first-time", $"one purchase, {daysSince} days ago")
    : perYear >= LoyalOrdersPerYear ? ("loyal", $"{perYear} purchases in 12 months (at least {LoyalOrdersPerYear}), last {daysSince} days ago")
    : ("repeat", $"{paidEver} purchases, {perYear} in 12 months, last {daysSince} days ago");
SetSegment("lifecycle", stage, why);
