// expect RE0010 line 3: System.IO.File
// kind: segmentation
using static System.IO.File;
var text = ReadAllText("/etc/passwd");
