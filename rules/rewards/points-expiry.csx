// name: points-expiry
// kind: reward
// schedule: 0 30 3 * * ?
// timeZone: Asia/Shanghai
// description: Points expire 12 months after they were earned; redemptions and deductions use the oldest points first (FIFO).
// owner: loyalty-team
#load "../_shared/calendar.csx"

// Walk the ledger oldest first, keeping each earning as a "lot" with what is left of it. Every redemption,
// deduction or earlier expiry uses up the oldest lots first (first in, first out). Whatever is left of lots
// earned more than 12 months ago expires now, in one entry keyed by today's date. Earlier expiries are in the
// ledger too, so nothing expires twice.
const int ValidDays = 365;

var lots = new List<(DateTime EarnedAt, long Left)>();
foreach (var entry in Ledger)
{
    if (entry.Delta > 0)
    {
        lots.Add((entry.Source.At, entry.Delta));
        continue;
    }
    var toCover = -entry.Delta;
    for (var i = 0; i < lots.Count && toCover > 0; i++)
    {
        var used = Math.Min(lots[i].Left, toCover);
        lots[i] = (lots[i].EarnedAt, lots[i].Left - used);
        toCover -= used;
    }
}

var cutoff = Now.AddDays(-ValidDays);
var expiring = lots.Where(l => l.EarnedAt <= cutoff && l.Left > 0).ToList();
if (expiring.Count == 0) return;

var points = expiring.Sum(l => l.Left);
var from = Iso(LocalDate(expiring[0].EarnedAt));
var to = Iso(LocalDate(expiring[^1].EarnedAt));
ExpirePoints(points, $"expire:{Iso(LocalToday)}",
    $"{points} points earned {from}..{to} were not used within 12 months (oldest points are used first)");
