// expect RE0010 line 3: System.Runtime.InteropServices.GCHandle
// kind: segmentation
var handle = System.Runtime.InteropServices.GCHandle.Alloc(new object());
