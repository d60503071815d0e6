// expect runtime ArgumentException line 3
// kind: segmentation
SetSegment("tier|x", "gold", "kind with a pipe");
