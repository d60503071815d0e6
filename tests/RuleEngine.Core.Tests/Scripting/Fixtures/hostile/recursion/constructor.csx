// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public Deep(int n) { _ = new Deep(n + 1); } }
var d = new Deep(0);
