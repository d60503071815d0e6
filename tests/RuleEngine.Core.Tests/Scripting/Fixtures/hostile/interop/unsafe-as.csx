// expect RE0010 line 4: System.Runtime.CompilerServices.Unsafe
// kind: segmentation
object o = "x";
var s = System.Runtime.CompilerServices.Unsafe.As<string>(o);
