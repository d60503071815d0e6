// expect runtime TimedOut
// kind: segmentation
class Spinner { public int Value { get { while (true) { } } } }
var v = new Spinner().Value;
