// name: visit-callbacks
// kind: followup
// schedule: 0 0 7 * * ?
// timeZone: Asia/Shanghai
// trigger: events:visit
// description: Phone callbacks after a clinic visit on the days the prescription length calls for (7/10/14, 21, 30, 60 days).
// owner: clinic-service
#load "../_shared/callbacks.csx"
#load "../_shared/calendar.csx"

// The schedule is in _shared/callbacks.csx (day 3, ..., 3 days before the prescription ends). Each callback is
// a task due at 10:00 shop time on its day, keyed visit:<visit id>:day<n>, so it is created once. The rule
// runs every morning: the first run after a visit creates all its callbacks. Callbacks whose time has passed
// are not created (a backfill over old visits must not flood the team with overdue calls).
const int CallbackHour = 10;

foreach (var visit in EventsOfType(EventTypes.Visit))
{
    if (!visit.Properties.TryGetValue("prescriptionDays", out var text)
        || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) || length <= 0)
        continue; // a visit without a prescription needs no callback

    var visitDay = LocalDate(visit.At);
    var days = CallbackDays(length);
    for (var i = 0; i < days.Length; i++)
    {
        var due = LocalTimeUtc(visitDay.AddDays(days[i]), CallbackHour);
        if (due < Now) continue;
        CreateTask($"visit:{visit.Id}:day{days[i]}", due, "phone", CallbackNote(i, days.Length),
            $"visit on {Iso(visitDay)} with a {length}-day prescription: callback {i + 1} of {days.Length}, on day {days[i]}");
    }
}
