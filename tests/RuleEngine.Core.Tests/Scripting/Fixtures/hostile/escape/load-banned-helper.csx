// expect RE0010 line 2: System.IO.File
// kind: segmentation
#load "_helpers/banned.csx"
SetSegment("a", ReadSecret(), "c");
