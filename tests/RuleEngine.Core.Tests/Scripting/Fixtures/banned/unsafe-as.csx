// kind: segmentation
object o = "x";
var s = System.Runtime.CompilerServices.Unsafe.As<string>(o);
