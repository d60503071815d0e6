// kind: segmentation
var o = Activator.CreateInstance<List<int>>();
