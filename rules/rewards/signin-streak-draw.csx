// name: signin-streak-draw
// kind: reward
// schedule: 0 52 23 * * ?
// timeZone: Asia/Shanghai
// description: One lucky-wheel chance on every 7th consecutive sign-in day (day 7, 14, 21... of a streak).
// owner: loyalty-team
#load "../_shared/signin.csx"

// The draw beside daily-signin's streak points: the same streak count (shop days, a missed day restarts it), the
// same days looked at (today and yesterday), keyed streak-draw:<day> so each 7th day gives one chance.
const int StreakLength = 7;

var days = SignInDays();
foreach (var day in new[] { LocalToday.AddDays(-1), LocalToday })
{
    if (!days.Contains(day)) continue;
    var streak = StreakEndingOn(days, day);
    if (streak % StreakLength == 0)
        GrantDrawChance("lucky-wheel", $"streak-draw:{Iso(day)}", $"{streak} consecutive sign-in days up to {Iso(day)}: one lucky-wheel chance");
}
