// expect RE0010 line 3: System.Guid.CreateVersion7
// kind: segmentation
var key = Guid.CreateVersion7();
