// expect runtime TimedOut
// kind: segmentation
class Spinner { public override string ToString() { while (true) { } } }
var text = $"{new Spinner()}";
