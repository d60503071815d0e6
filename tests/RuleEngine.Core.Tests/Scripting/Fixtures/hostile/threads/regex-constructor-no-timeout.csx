// expect RE0010 line 3: matchTimeout
// kind: segmentation
var regex = new Regex("(a+)+$");
