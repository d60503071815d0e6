// name: new-customer-cadence
// kind: followup
// schedule: 0 0 8 * * ?
// timeZone: Asia/Shanghai
// description: Seven follow-ups in a new customer's first 60 days, each with a different angle; offers only to those who have not bought yet.
// owner: crm-service
#load "../_shared/calendar.csx"

// Most sales come from the 4th to the 11th follow-up (the seeds), so new customers are followed up
// systematically, each time from a different angle. Day = days since joining, in shop days:
//   1 welcome · 3 product guidance · 7 first-order offer* · 14 how are things · 21 second-order offer*
//   30 satisfaction check · 60 membership benefits
// (*) only for customers who have not bought yet: the offer would be wasted on a buyer.
// A touch is created on its day, due at 10:00; if a run was missed it is still created up to 2 days late.
// Key welcome:<day>, once per customer.
const int GraceDays = 2, TouchHour = 10;
(int Day, string Angle, string Channel, bool OnlyBeforeFirstOrder, string Note)[] touches =
[
    (1, "welcome", "wechat", false, "Welcome them; introduce their advisor and how to reach us."),
    (3, "product guidance", "wechat", false, "Share how to use the products for their skin type or needs."),
    (7, "first-order offer", "sms", true, "Offer the new-member coupon for a first order."),
    (14, "how are things", "phone", false, "A short call: questions, needs, anything we can help with."),
    (21, "second offer", "sms", true, "A second, different offer (a trial kit or gift with purchase)."),
    (30, "satisfaction check", "wechat", false, "Ask how satisfied they are so far; note suggestions."),
    (60, "membership benefits", "wechat", false, "Explain tiers, points and birthday benefits; invite to sign in daily."),
];

if (Customer.JoinedAt is not { } joinedAt) return;
var joinedDay = LocalDate(joinedAt);
var age = LocalToday.DayNumber - joinedDay.DayNumber;
var hasBought = LastOrder is not null;

foreach (var touch in touches)
{
    if (age < touch.Day || age > touch.Day + GraceDays) continue;
    if (touch.OnlyBeforeFirstOrder && hasBought) continue;
    CreateTask($"welcome:{touch.Day}", LocalTimeUtc(joinedDay.AddDays(touch.Day), TouchHour), touch.Channel, touch.Note,
        $"joined on {Iso(joinedDay)}: day {touch.Day} follow-up ({touch.Angle})");
}
