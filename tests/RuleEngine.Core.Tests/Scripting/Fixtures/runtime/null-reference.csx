// kind: segmentation
string name = null;
var length = name.Length;
