// name: tier
// kind: segmentation
// schedule: 0 0 2 * * ?
// timeZone: Asia/Shanghai
// description: Tier by 12-month spend.
// owner: loyalty-team
var spend = SpendWithin(365);
var tier = spend >= 10_000m ? "gold" : spend >= 2_000m ? "silver" : "ordinary";
var count = 0;
foreach (var order in Orders) count++;
bool IsBig(decimal amount) => amount > spend / 2;
SetSegment("tier", tier, $"spend {spend:N0} in 365 d -> {tier} ({count} orders, big: {Orders.Count(o => IsBig(o.Amount))})");
record Band(string Name, decimal From);
