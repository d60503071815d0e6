// expect RE0010 line 3: GetType
// kind: segmentation
var type = "x".GetType();
