// expect RE0004 line 3: not found
// kind: segmentation
#load "nope.csx"
SetSegment("a", "b", "c");
