// kind: segmentation
var t = "x".GetType();
