// name: churn-risk
// kind: segmentation
// schedule: 0 30 2 * * ?
// timeZone: Asia/Shanghai
// description: Churn risk = 1 - P(still active), a modified BG/NBD model of recency, frequency and customer age; score plus low/medium/high.
// owner: crm-analytics

// The model (MBG/NBD, Batislam et al. 2007; a variant of Fader, Hardie and Lee's BG/NBD):
//   while active, a customer buys at some personal rate; after any purchase they may drop out for good.
//   Given x repeat purchases, the time tx from the first to the last purchase and the customer's age T
//   (first purchase to now), the probability that they are still active is
//
//       P(active) = 1 / (1 + a / (b + x) * ((alpha + T) / (alpha + tx)) ^ (r + x))
//
//   Time is in weeks. The longer the silence (T - tx) compared with how often the customer used to buy
//   (x over tx), the lower P(active): a weekly buyer silent for two months is more likely gone than a
//   twice-a-year buyer silent for the same time. Unlike plain BG/NBD, one-time buyers can churn too.
// The parameters describe the whole customer base (r/alpha = typical rate, about one purchase per 20 weeks;
// a/b = how readily customers drop out). They are set by hand for this shop; refit them when data allows.
const double R = 1.0, Alpha = 20.0, A = 1.0, B = 2.0;
const double High = 0.6, Medium = 0.35;

var paid = Orders.Where(o => o.Status == OrderStatus.Paid).ToList();
if (paid.Count == 0) return; // never bought: nothing to lose yet

var x = paid.Count - 1;
var ageWeeks = (Now - paid[0].At).TotalDays / 7;
var lastWeeks = (paid[^1].At - paid[0].At).TotalDays / 7;
var active = 1 / (1 + A / (B + x) * Math.Pow((Alpha + ageWeeks) / (Alpha + lastWeeks), R + x));
var risk = Math.Round(1 - active, 3);
var level = risk >= High ? "high" : risk >= Medium ? "medium" : "low";

var why = $"{paid.Count} purchases over {ageWeeks:0} weeks, last {DaysSinceLastOrder} days ago → {risk * 100:0}% likely to have churned";
SetScore("churn-risk", risk, why);
SetSegment("churn-risk", level, why);
