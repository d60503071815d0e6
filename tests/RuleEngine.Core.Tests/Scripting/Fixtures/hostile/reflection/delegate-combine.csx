// expect RE0010 line 4: System.Delegate
// kind: segmentation
Action a = () => { };
var both = Delegate.Combine(a, a);
