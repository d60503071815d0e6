// expect RE0002 line 3: #r
// kind: segmentation
#r "nuget: Newtonsoft.Json, 13.0.3"
SetSegment("a", "b", "c");
