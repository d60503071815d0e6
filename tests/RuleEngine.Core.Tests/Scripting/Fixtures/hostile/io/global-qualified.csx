// expect RE0010 line 3: System.IO.File
// kind: segmentation
var exists = global::System.IO.File.Exists("/etc/passwd");
