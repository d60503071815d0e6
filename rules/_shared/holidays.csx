// Holidays on which A-grade customers get a greeting and a gift, as shop-local dates. The lunar holidays have
// no fixed date: add the coming years here (a year that is missing simply has no greeting for that holiday).

(string Name, DateOnly Day)[] Holidays(int year)
{
    var fixedDays = new List<(string, DateOnly)>
    {
        ("new-year", new DateOnly(year, 1, 1)), ("womens-day", new DateOnly(year, 3, 8)), ("national-day", new DateOnly(year, 10, 1)),
    };
    DateOnly? springFestival = year switch
    {
        2025 => new DateOnly(2025, 1, 29), 2026 => new DateOnly(2026, 2, 17), 2027 => new DateOnly(2027, 2, 6), 2028 => new DateOnly(2028, 1, 26), _ => null,
    };
    DateOnly? midAutumn = year switch
    {
        2025 => new DateOnly(2025, 10, 6), 2026 => new DateOnly(2026, 9, 25), 2027 => new DateOnly(2027, 9, 15), 2028 => new DateOnly(2028, 10, 3), _ => null,
    };
    if (springFestival is { } spring) fixedDays.Add(("spring-festival", spring));
    if (midAutumn is { } autumn) fixedDays.Add(("mid-autumn", autumn));
    return fixedDays.OrderBy(h => h.Item2).ToArray();
}
