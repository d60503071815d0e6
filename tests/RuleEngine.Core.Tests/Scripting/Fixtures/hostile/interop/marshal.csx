// expect RE0010 line 3: System.Runtime.InteropServices.Marshal
// kind: segmentation
var memory = System.Runtime.InteropServices.Marshal.AllocHGlobal(100);
