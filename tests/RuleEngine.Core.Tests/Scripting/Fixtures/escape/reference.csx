// kind: segmentation
#r "System.Net.Http.dll"
SetSegment("a", "b", "c");
