// expect RE0010 line 3: System.Guid.NewGuid
// kind: segmentation
var key = Guid.NewGuid();
