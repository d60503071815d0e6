// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public int Value => new Deep().Value + 1; }
var v = new Deep().Value;
