// expect RE0010 line 3: System.DateTime.UtcNow
// kind: segmentation
var now = DateTime.UtcNow;
