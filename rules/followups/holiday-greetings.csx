// name: holiday-greetings
// kind: followup
// schedule: 0 0 9 * * ?
// timeZone: Asia/Shanghai
// description: A greeting with a gift for A-grade customers before each holiday (New Year, Spring Festival, Women's Day, Mid-Autumn, National Day).
// owner: crm-service
#load "../_shared/calendar.csx"
#load "../_shared/holidays.csx"

// A-grade customers get personal service and holiday gifts (the seeds). A week before a holiday the task
// appears, due two days before it at 10:00 shop time (a gift needs time to arrive); key holiday:<name>:<year>,
// so one greeting per holiday per year. The holiday dates are in _shared/holidays.csx.
const int NoticeDays = 7, DueDaysBefore = 2;

if (Segment("value-grade") != "A") return;
var today = LocalToday;
foreach (var (name, day) in Holidays(today.Year).Concat(Holidays(today.Year + 1)))
{
    var daysUntil = day.DayNumber - today.DayNumber;
    if (daysUntil < 0 || daysUntil > NoticeDays) continue;
    var dueDay = daysUntil > DueDaysBefore ? day.AddDays(-DueDaysBefore) : today;
    CreateTask($"holiday:{name}:{day.Year}", LocalTimeUtc(dueDay, 10), "wechat",
        $"Send {name} greetings with the A-grade holiday gift; personal message from their advisor.",
        $"A-grade customer, {name} on {Iso(day)} is in {daysUntil} days");
}
