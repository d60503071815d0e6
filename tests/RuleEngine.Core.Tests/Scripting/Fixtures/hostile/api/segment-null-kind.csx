// expect runtime ArgumentNullException line 3
// kind: segmentation
var current = Segment(null!);
