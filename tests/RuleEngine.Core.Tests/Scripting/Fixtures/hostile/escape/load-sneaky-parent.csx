// expect RE0003 line 3: leaves the rules folder
// kind: segmentation
#load "../hostile/../../Fixtures/../../../outside.csx"
SetSegment("a", "b", "c");
