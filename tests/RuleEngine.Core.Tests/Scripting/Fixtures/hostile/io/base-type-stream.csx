// expect RE0010 line 3: System.IO.MemoryStream
// kind: segmentation
class Leaky : System.IO.MemoryStream { }
