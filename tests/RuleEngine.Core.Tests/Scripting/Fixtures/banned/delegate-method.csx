// kind: segmentation
Func<int> f = () => 1;
var m = f.Method;
