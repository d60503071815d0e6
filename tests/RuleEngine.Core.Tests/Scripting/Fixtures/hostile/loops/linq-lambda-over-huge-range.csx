// expect runtime TimedOut
// kind: segmentation
var any = Enumerable.Range(0, int.MaxValue).Select(i => i * 2).Any(i => i < 0);
