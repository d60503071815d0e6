// expect RE0002 line 3: #r
// kind: segmentation
#r "System.Net.Http.dll"
SetSegment("a", "b", "c");
