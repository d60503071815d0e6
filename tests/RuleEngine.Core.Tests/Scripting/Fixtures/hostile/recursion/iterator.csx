// expect runtime RecursionTooDeep
// kind: segmentation
IEnumerable<int> Down(int n) { foreach (var x in Down(n + 1)) yield return x; yield return n; }
var first = Down(0).First();
