// kind: segmentation
#load "../escape/statements-helper.csx"
SetSegment("a", "b", "c");
