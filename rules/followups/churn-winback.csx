// name: churn-winback
// kind: followup
// schedule: 0 0 9 * * ?
// timeZone: Asia/Shanghai
// description: Churn warning and win-back for customers who stopped buying - a call, then an offer, then a final offer (at most 3 attempts), A-grade first.
// owner: crm-service
#load "../_shared/calendar.csx"

// The ladder, by days since the last paid purchase (one step a time; a missed step is not made up):
//   step 1  call         60+ days, or 45+ when churn-risk is high (the early warning); phone, to learn why. A and B only.
//   step 2  offer        90+ days; a targeted offer (coupon or points) by SMS
//   step 3  final-offer  150+ days; a last, bigger offer, by phone
//   240+ days the ladder is over: the customer is let go (tag let-go) and gets no more tasks.
// High-value first: A-grade tasks are due today with high priority, B in 2 days, C in 5 days with low priority.
// C-grade customers who spent under 300 in all are not worth winning back and get no task.
// Keys carry the last order (winback:<order id>:<step>): each step is created once per lapse, and a customer
// who buys again and lapses later starts a fresh ladder. A new purchase cancels the old ladder's open tasks.
const int EarlyCallAfter = 45, CallAfter = 60, OfferAfter = 90, FinalOfferAfter = 150, LetGoAfter = 240;
const decimal NotWorthBelow = 300m;
const string LetGo = "let-go";

if (LastOrder is not { } last) return;
var daysSince = DaysSinceLastOrder!.Value;
var lastDay = Iso(LocalDate(last.At));
var ladder = $"winback:{last.Id}:";

foreach (var task in OpenTasks.Where(t => t.Key.StartsWith("winback:", StringComparison.Ordinal) && !t.Key.StartsWith(ladder, StringComparison.Ordinal)))
    CancelTask(task.Key, $"bought again on {lastDay}: this win-back is no longer needed");

if (daysSince < EarlyCallAfter)
{
    if (HasTag(LetGo)) Untag(LetGo, $"bought again on {lastDay}");
    return;
}
if (daysSince >= LetGoAfter)
{
    if (!HasTag(LetGo)) Tag(LetGo, $"no purchase for {daysSince} days (since {lastDay}): the win-back ladder is over");
    return;
}

var grade = Segment("value-grade") ?? "C";
var lifetime = Orders.Where(o => o.Status == OrderStatus.Paid).Sum(o => o.Amount);
if (grade == "C" && lifetime < NotWorthBelow) return;

var earlyWarning = Segment("churn-risk") == "high";
var step = daysSince >= FinalOfferAfter ? 3
    : daysSince >= OfferAfter ? 2
    : daysSince >= CallAfter || earlyWarning ? 1
    : 0;
if (step == 0 || (step == 1 && grade == "C")) return;

var (name, channel, note) = step switch
{
    1 => ("call", "phone", "Call to learn why they stopped buying; note the reason. No hard selling."),
    2 => ("offer", "sms", "Send a targeted offer (coupon or bonus points) matched to what they used to buy."),
    _ => ("final-offer", "phone", "Last attempt: call with the best offer we can make; if declined, let them go."),
};
var (dueInDays, priority) = grade switch
{
    "A" => (0, FollowUpPriority.High),
    "B" => (2, FollowUpPriority.Normal),
    _ => (5, FollowUpPriority.Low),
};
var warning = step == 1 && daysSince < CallAfter ? ", churn risk high" : "";
CreateTask(ladder + name, LocalTimeUtc(LocalToday.AddDays(dueInDays), 10), channel, note,
    $"{grade}-grade, no purchase for {daysSince} days (since {lastDay}){warning} → attempt {step} of 3: {name}", priority);
