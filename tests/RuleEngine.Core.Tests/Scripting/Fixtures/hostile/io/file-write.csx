// expect RE0010 line 3: System.IO.File
// kind: segmentation
System.IO.File.WriteAllText("/tmp/pwned", "x");
