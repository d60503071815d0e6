// name: add-to-cart-draw
// kind: reward
// schedule: 0 55 23 * * ?
// timeZone: Asia/Shanghai
// description: One extra lucky-wheel chance for each shop day with an add-to-cart, at most one a day.
// owner: loyalty-team
#load "../_shared/calendar.csx"

// The seeds' conditional draw: "加购后增加一次免费机会" (add to cart, get one more free chance). Every member already
// has the campaign's free chance (catalog.json, lucky-wheel.freeChances); this adds one per shop day with an
// add_to_cart, keyed add-to-cart:<day>. Like daily-signin it looks at today and yesterday, so an add-to-cart in the
// last minutes of a day is paid the next night.
var days = EventsOfType(EventTypes.AddToCart).Select(e => LocalDate(e.At)).ToHashSet();
foreach (var day in new[] { LocalToday.AddDays(-1), LocalToday })
    if (days.Contains(day))
        GrantDrawChance("lucky-wheel", $"add-to-cart:{Iso(day)}", $"added to cart on {Iso(day)}: one lucky-wheel chance");
