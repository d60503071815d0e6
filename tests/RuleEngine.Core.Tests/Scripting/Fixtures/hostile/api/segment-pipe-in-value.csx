// expect runtime ArgumentException line 3
// kind: segmentation
SetSegment("tier", "gold|x", "value with a pipe");
