// expect runtime TimedOut
// kind: segmentation
class Spinner { public Spinner() { while (true) { } } }
var s = new Spinner();
