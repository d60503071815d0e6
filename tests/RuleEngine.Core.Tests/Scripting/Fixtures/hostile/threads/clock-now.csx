// expect RE0010 line 3: System.DateTime.Now
// kind: segmentation
var now = DateTime.Now;
