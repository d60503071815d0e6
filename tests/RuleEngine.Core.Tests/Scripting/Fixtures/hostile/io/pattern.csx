// expect RE0010 line 4: System.IO.Stream
// kind: segmentation
object o = null;
if (o is System.IO.Stream s) { }
