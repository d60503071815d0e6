// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
var list = new List<System.IO.FileInfo>();
