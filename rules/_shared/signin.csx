// Daily check-in days and streaks, counted in shop-local days.
#load "calendar.csx"

/// <summary>The shop-local days with at least one sign-in.</summary>
HashSet<DateOnly> SignInDays() => EventsOfType(EventTypes.SignIn).Select(e => LocalDate(e.At)).ToHashSet();

/// <summary>How many consecutive sign-in days end on <paramref name="day"/> (0 if the customer did not sign in that day).</summary>
int StreakEndingOn(HashSet<DateOnly> days, DateOnly day)
{
    var streak = 0;
    while (days.Contains(day))
    {
        streak++;
        day = day.AddDays(-1);
    }
    return streak;
}
