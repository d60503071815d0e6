// Shared helpers for the fixtures.
const decimal GoldThreshold = 10_000m;

string Grade(decimal spend) => spend >= GoldThreshold ? "gold" : "silver";
