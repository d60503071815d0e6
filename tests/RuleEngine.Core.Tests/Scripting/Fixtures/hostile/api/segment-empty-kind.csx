// expect runtime ArgumentException line 3
// kind: segmentation
SetSegment("", "gold", "empty kind");
