// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public override string ToString() => "(" + new Deep() + ")"; }
var text = new Deep().ToString();
