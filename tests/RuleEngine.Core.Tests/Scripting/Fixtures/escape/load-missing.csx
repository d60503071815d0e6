// kind: segmentation
#load "../_shared/nope.csx"
SetSegment("a", "b", "c");
