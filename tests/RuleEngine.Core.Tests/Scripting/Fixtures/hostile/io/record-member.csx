// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
record Holder(System.IO.FileInfo File);
