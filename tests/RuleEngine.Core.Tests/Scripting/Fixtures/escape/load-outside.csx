// kind: segmentation
#load "../../../../../outside.csx"
SetSegment("a", "b", "c");
