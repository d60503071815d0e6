// kind: reward
// schedule: every day at noon
SetSegment("a", "b", "c");
