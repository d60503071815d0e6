// expect RE0003 line 3: leaves the rules folder
// kind: segmentation
#load "../../../../../../etc/passwd"
SetSegment("a", "b", "c");
