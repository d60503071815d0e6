// expect RE0010 line 4: System.Runtime.InteropServices.MemoryMarshal
// kind: segmentation
int[] numbers = [1];
var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(numbers.AsSpan());
