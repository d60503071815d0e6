// kind: segmentation
var text = System.IO.File.ReadAllText("/etc/passwd");
