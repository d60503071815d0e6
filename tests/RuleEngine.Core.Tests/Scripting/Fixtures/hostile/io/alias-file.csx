// expect RE0010 line 3: System.IO.File
// kind: segmentation
using F = System.IO.File;
var text = F.ReadAllText("/etc/passwd");
