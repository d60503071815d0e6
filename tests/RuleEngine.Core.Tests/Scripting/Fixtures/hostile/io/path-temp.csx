// expect RE0010 line 3: System.IO.Path
// kind: segmentation
var temp = System.IO.Path.GetTempPath();
