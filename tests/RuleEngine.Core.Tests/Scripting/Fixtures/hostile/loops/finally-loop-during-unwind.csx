// expect runtime TimedOut
// kind: reward
// A loop in a finally that runs while an exception unwinds: crashed the runtime with tiered PGO on (see Directory.Build.props).
try { throw new InvalidOperationException("first"); } finally { while (true) { } }
