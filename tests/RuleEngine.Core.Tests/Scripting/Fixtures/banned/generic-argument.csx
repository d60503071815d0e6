// kind: segmentation
var list = new List<System.IO.FileInfo>();
