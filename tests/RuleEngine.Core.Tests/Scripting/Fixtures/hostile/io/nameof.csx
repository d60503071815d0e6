// expect RE0010 line 3: System.IO.File
// kind: segmentation
var name = nameof(System.IO.File);
