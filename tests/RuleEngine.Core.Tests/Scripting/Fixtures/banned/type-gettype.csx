// kind: segmentation
var t = Type.GetType("System.IO.File");
