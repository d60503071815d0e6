// expect runtime ArgumentNullException line 3
// kind: segmentation
SetSegment("tier", "gold", null!);
