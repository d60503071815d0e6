// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
var none = default(System.IO.FileInfo);
