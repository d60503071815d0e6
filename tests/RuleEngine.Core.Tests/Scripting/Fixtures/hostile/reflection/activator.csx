// expect RE0010 line 3: System.Activator
// kind: segmentation
var list = Activator.CreateInstance<List<int>>();
