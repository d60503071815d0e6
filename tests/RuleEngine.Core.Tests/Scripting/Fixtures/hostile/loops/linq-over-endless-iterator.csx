// expect runtime TimedOut
// kind: segmentation
IEnumerable<int> Naturals() { var i = 0; while (true) yield return i++; }
var last = Naturals().Last();
