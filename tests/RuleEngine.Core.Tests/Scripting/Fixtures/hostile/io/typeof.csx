// expect RE0010 line 3: System.Type
// kind: segmentation
var type = typeof(System.IO.File);
