// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
string Peek(System.IO.FileInfo file) => file.Name;
