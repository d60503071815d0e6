// expect runtime OutOfMemoryException line 3
// kind: segmentation
var bytes = new byte[int.MaxValue];
