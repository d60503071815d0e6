// Membership tiers by rolling 12-month paid spend (CNY), lowest first. The tier rule, purchase points (the
// multiplier) and the upgrade gift all read them here, so a threshold changes in one place.

string[] Tiers => ["ordinary", "silver", "gold", "platinum", "diamond"];

/// <summary>0 (ordinary) to 4 (diamond); -1 for no tier yet.</summary>
int TierLevel(string? tier) => tier switch
{
    "ordinary" => 0, "silver" => 1, "gold" => 2, "platinum" => 3, "diamond" => 4, _ => -1,
};

/// <summary>The 12-month spend a tier needs.</summary>
decimal TierThreshold(int level) => level switch
{
    <= 0 => 0m, 1 => 1_000m, 2 => 3_000m, 3 => 8_000m, _ => 20_000m,
};

/// <summary>The highest tier a 12-month spend reaches.</summary>
int EarnedTierLevel(decimal spend) => Enumerable.Range(0, Tiers.Length).Last(level => spend >= TierThreshold(level));

/// <summary>Purchase points per CNY: higher tiers earn faster (the seeds' 95折 / 9折 benefits, paid in points).</summary>
decimal TierMultiplier(string? tier) => TierLevel(tier) switch
{
    1 => 1.1m, 2 => 1.25m, 3 => 1.5m, 4 => 2m, _ => 1m,
};

/// <summary>The one-time gift for reaching a tier.</summary>
long TierGiftPoints(int level) => level switch
{
    1 => 50, 2 => 100, 3 => 250, 4 => 600, _ => 0,
};
