// expect RE0010 line 4: System.IO.Stream
// kind: segmentation
object o = null;
var stream = (System.IO.Stream)o;
