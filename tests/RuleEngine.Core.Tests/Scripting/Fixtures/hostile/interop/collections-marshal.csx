// expect RE0010 line 4: System.Runtime.InteropServices.CollectionsMarshal
// kind: segmentation
var list = new List<int>();
var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
