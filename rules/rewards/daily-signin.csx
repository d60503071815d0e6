// name: daily-signin
// kind: reward
// schedule: 0 50 23 * * ?
// timeZone: Asia/Shanghai
// trigger: events:signin
// description: 5 points per daily sign-in and a 20-point bonus on every 7th consecutive day; a missed day restarts the streak.
// owner: loyalty-team
#load "../_shared/signin.csx"

// Days are shop days (Asia/Shanghai): a sign-in at 00:30 counts for the new day. The rule runs at 23:50 and
// looks at today and yesterday, so a sign-in in the last ten minutes of a day is paid the next night.
// The streak counts consecutive sign-in days; the bonus comes on day 7, 14, 21... of a streak. A missed day
// restarts the count at 1. Keys signin:<day> and signin-streak:<day> pay each day once.
const long PointsPerDay = 5, StreakBonus = 20;
const int StreakLength = 7;

var days = SignInDays();
foreach (var day in new[] { LocalToday.AddDays(-1), LocalToday })
{
    if (!days.Contains(day)) continue;
    var streak = StreakEndingOn(days, day);
    AwardPoints(PointsPerDay, $"signin:{Iso(day)}", $"signed in on {Iso(day)} (day {streak} of the streak)");
    if (streak % StreakLength == 0)
        AwardPoints(StreakBonus, $"signin-streak:{Iso(day)}", $"{streak} consecutive sign-in days up to {Iso(day)}: bonus {StreakBonus}");
}
