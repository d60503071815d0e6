// expect RE0010 line 3: System.Type
// kind: segmentation
var type = Type.GetType("System.IO.File");
