// name: birthday-month-bonus
// kind: reward
// schedule: 0 0 8 * * ?
// timeZone: Asia/Shanghai
// description: 100 points in the customer's birthday month, once a year, for customers who registered a birthday.
// owner: loyalty-team
#load "../_shared/calendar.csx"
#load "../_shared/points.csx"

// Registering a birthday is what earns the benefit, so customers without one get nothing. The bonus is for the
// whole birthday month (shop time): someone born on 29 February gets it in February every year, leap or not.
// The rule runs daily, so a birthday registered mid-month still earns it; birthday:<year> pays once a year.
const long BirthdayPoints = 100;

if (Customer.Birthday is not { } birthday) return;
var today = LocalToday;
if (birthday.Month != today.Month) return;

var key = $"birthday:{today.Year}";
if (AlreadyPaid(key)) return;
AwardPoints(BirthdayPoints, key, $"birthday month {today.Year}-{birthday.Month:00} (born on day {birthday.Day}): {BirthdayPoints} points");
