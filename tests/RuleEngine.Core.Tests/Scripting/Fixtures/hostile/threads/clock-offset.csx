// expect RE0010 line 3: System.DateTimeOffset.UtcNow
// kind: segmentation
var now = DateTimeOffset.UtcNow;
