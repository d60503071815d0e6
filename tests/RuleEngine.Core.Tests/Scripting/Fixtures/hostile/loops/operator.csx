// expect runtime TimedOut
// kind: segmentation
class Spinner { public static Spinner operator +(Spinner a, Spinner b) { while (true) { } } }
var s = new Spinner() + new Spinner();
