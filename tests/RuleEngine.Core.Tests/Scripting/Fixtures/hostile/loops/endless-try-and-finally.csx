// expect runtime TimedOut
// kind: reward
// Endless loops in both the try and its finally.
try { while (true) { } } finally { while (true) { } }
