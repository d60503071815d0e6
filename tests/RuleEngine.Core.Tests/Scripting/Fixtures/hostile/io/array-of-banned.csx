// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
System.IO.FileInfo[] files = [];
