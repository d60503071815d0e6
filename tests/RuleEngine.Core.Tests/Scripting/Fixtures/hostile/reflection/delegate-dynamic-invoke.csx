// expect RE0010 line 4: System.Delegate
// kind: segmentation
Func<int> f = () => 1;
var result = f.DynamicInvoke();
