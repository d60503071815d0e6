// name: task-chain-bonus
// kind: reward
// schedule: 0 0 * * * ?
// timeZone: Asia/Shanghai
// trigger: events:follow_shop, events:favorite, events:add_to_cart
// description: 10 points for each first follow-shop, favourite and add-to-cart, plus a 30-point bonus once all three are done.
// owner: loyalty-team
#load "../_shared/points.csx"
#load "../_shared/calendar.csx"

// Interaction tasks from the seeds, one-time each; the extra reward comes only for the whole chain
// ("complete all three to get the extra reward"). With the profile bonus, a new member who does everything
// has 3 × 10 + 30 + 50 = 110 points: enough for one small no-threshold coupon (100 points = 10 CNY).
const long TaskPoints = 10, ChainBonus = 30;
string[] chain = [EventTypes.FollowShop, EventTypes.Favorite, EventTypes.AddToCart];

var done = new List<string>();
foreach (var task in chain)
{
    if (EventsOfType(task).FirstOrDefault() is not { } first) continue;
    done.Add(task);
    var key = $"task:{task}";
    if (!AlreadyPaid(key)) AwardPoints(TaskPoints, key, $"first {task} on {Iso(LocalDate(first.At))}: {TaskPoints} points");
}

if (done.Count == chain.Length && !AlreadyPaid("task-chain"))
    AwardPoints(ChainBonus, "task-chain", $"all {chain.Length} tasks done ({string.Join(", ", chain)}): chain bonus {ChainBonus}");
