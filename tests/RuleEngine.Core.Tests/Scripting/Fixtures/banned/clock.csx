// kind: segmentation
var now = DateTime.Now;
