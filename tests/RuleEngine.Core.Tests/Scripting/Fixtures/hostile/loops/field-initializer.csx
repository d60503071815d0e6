// expect runtime TimedOut
// kind: segmentation
class Spinner { int _value = Spin(); static int Spin() { while (true) { } } }
var s = new Spinner();
