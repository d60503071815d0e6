// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public int this[int i] => this[i + 1] + 1; }
var v = new Deep()[0];
