// expect RE0010 line 3: System.IO.FileStream
// kind: segmentation
var stream = new System.IO.FileStream("/etc/passwd", System.IO.FileMode.Open);
