// expect runtime OutOfMemoryException line 3
// kind: segmentation
var text = new string('x', int.MaxValue);
