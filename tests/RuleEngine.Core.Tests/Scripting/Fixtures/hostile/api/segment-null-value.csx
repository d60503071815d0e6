// expect runtime ArgumentException line 3
// kind: segmentation
SetSegment("tier", null!, "null value");
