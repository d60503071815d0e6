// expect RE0010 line 3: System.Type
// kind: segmentation
var array = Array.CreateInstance(typeof(int), 3);
