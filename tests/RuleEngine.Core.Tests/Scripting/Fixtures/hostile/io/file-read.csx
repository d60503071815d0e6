// expect RE0010 line 3: System.IO.File
// kind: segmentation
var text = System.IO.File.ReadAllText("/etc/passwd");
