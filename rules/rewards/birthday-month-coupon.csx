// name: birthday-month-coupon
// kind: reward
// schedule: 0 5 8 * * ?
// timeZone: Asia/Shanghai
// description: A 20 CNY birthday coupon (orders from 100 CNY) in the birthday month, once a year, for members who registered a birthday.
// owner: loyalty-team
#load "../_shared/calendar.csx"

// The coupon beside the birthday points (birthday-month-bonus): the template birthday-20 in rules/catalog.json says
// its value, threshold and validity (31 days from the morning it is issued). Like the points, it is for the whole
// birthday month in shop time and keyed birthday:<year>, so daily runs and reruns issue it once a year.
if (Customer.Birthday is not { } birthday) return;
var today = LocalToday;
if (birthday.Month != today.Month) return;

GrantCoupon("birthday-20", $"birthday:{today.Year}", $"birthday month {today.Year}-{birthday.Month:00}: birthday coupon");
