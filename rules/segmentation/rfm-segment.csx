// name: rfm-segment
// kind: segmentation
// schedule: 0 20 2 * * ?
// timeZone: Asia/Shanghai
// description: RFM quintile scores (recency, 12-month frequency and spend, 1-5 each) and a named segment from them.
// owner: crm-analytics

// R, F and M are quintiles against all customers of the run, 5 being the best fifth:
//   R  days since the last purchase (fewer is better), among customers who ever bought
//   F  paid orders in the last 12 months
//   M  paid spend in the last 12 months
// The score "rfm" reads as the three digits (R=5, F=4, M=3 → 543). The named segment, first match wins:
//   champions    R, F and M all 4 or 5
//   loyal        F 4 or 5 and R at least 3
//   potential    R at least 3 (recent, not yet frequent)
//   at-risk      R 1 or 2 but F at least 3 (used to buy often, not lately)
//   hibernating  R 2, F 1 or 2
//   lost         R 1, F 1 or 2
// Customers who never bought get no RFM at all (lifecycle-stage calls them prospects).
if (DaysSinceLastOrder is not { } daysSince) return;

var r = 6 - Population.DaysSinceLastOrder().Quintile((double)daysSince);
var f = Population.OrderCount(365).Quintile((double)OrderCountWithin(365));
var m = Population.Spend(365).Quintile(SpendWithin(365));

var segment = r >= 4 && f >= 4 && m >= 4 ? "champions"
    : f >= 4 && r >= 3 ? "loyal"
    : r >= 3 ? "potential"
    : f >= 3 ? "at-risk"
    : r == 2 ? "hibernating"
    : "lost";
var why = $"R{r} (last purchase {daysSince} d ago) F{f} ({OrderCountWithin(365)} orders in 12 months) M{m} (spend {SpendWithin(365):0})";
SetScore("rfm", r * 100 + f * 10 + m, why);
SetSegment("rfm", segment, $"{why} → {segment}");
