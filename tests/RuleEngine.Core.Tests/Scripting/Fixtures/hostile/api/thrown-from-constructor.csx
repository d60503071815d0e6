// expect runtime InvalidOperationException line 3
// kind: segmentation
class Broken { public Broken() => throw new InvalidOperationException("no"); }
var b = new Broken();
