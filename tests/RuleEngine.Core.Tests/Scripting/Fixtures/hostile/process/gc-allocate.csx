// expect RE0010 line 3: System.GC
// kind: segmentation
var big = GC.AllocateUninitializedArray<byte>(1000);
