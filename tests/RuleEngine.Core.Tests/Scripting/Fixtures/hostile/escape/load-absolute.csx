// expect RE0003 line 3: /etc/passwd
// kind: segmentation
#load "/etc/passwd"
SetSegment("a", "b", "c");
