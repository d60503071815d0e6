// The shop's calendar. Customers live in China, so "today", "the birthday month", "a sign-in day" and task due
// times are counted in Asia/Shanghai, not UTC: a sign-in at 00:30 in Shanghai is 16:30 UTC the day before.

const string ShopTimeZoneId = "Asia/Shanghai";

TimeZoneInfo ShopZone => TimeZoneInfo.FindSystemTimeZoneById(ShopTimeZoneId);

/// <summary>The shop-local date of a UTC time.</summary>
DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, ShopZone));

/// <summary>Today in the shop's time zone.</summary>
DateOnly LocalToday => LocalDate(Now);

/// <summary>A shop-local day at a given hour, as UTC: "day 3 at 10:00" for a task's due time.</summary>
DateTime LocalTimeUtc(DateOnly day, int hour) =>
    TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), ShopZone);

/// <summary>A date as 2026-11-22 whatever the server's culture: used in keys, which must never change.</summary>
string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

/// <summary>A UTC time as shop-local "2026-11-22 09:30", for explanations.</summary>
string LocalClock(DateTime utc) =>
    TimeZoneInfo.ConvertTimeFromUtc(utc, ShopZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
