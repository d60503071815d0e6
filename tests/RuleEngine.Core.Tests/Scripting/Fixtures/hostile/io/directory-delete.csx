// expect RE0010 line 3: System.IO.Directory
// kind: segmentation
System.IO.Directory.Delete("/tmp", true);
