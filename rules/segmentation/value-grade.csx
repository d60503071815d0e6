// name: value-grade
// kind: segmentation
// schedule: 0 0 2 * * ?
// timeZone: Asia/Shanghai
// description: A/B/C value grade by rank of 12-month paid spend among all customers (top 20% A, next 30% B, rest C).
// owner: crm-analytics

// The seeds: high-value customers are the top 10-20% and bring most of the revenue (A: personal service and
// holiday gifts), mid-value 30-40% (B: more contact to raise frequency and basket), the rest C (satisfaction).
// Ranked against everyone in the run, so the grades follow the business as it grows or shrinks.
const double TopShareA = 0.20, NextShareB = 0.30;

var spend = SpendWithin(365);
var rank = Population.Spend(365).PercentRank(spend); // share of customers who spent strictly less
var percentile = (int)Math.Round(rank * 100);

// Nobody who spent nothing can be A or B, whatever the ranks look like in a run with few buyers.
var grade = spend == 0 ? "C"
    : rank >= 1 - TopShareA ? "A"
    : rank >= 1 - TopShareA - NextShareB ? "B"
    : "C";
SetSegment("value-grade", grade, $"12-month spend {spend:0} is above {percentile}% of customers → {grade}");
