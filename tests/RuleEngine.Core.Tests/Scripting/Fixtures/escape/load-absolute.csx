// kind: segmentation
#load "/etc/passwd"
SetSegment("a", "b", "c");
