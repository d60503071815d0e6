// expect runtime TimedOut
// kind: segmentation
class Spinner { public int this[int i] { get { while (true) { } } } }
var v = new Spinner()[0];
