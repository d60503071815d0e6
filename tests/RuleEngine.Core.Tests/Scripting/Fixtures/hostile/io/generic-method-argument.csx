// expect RE0010 line 3: System.IO.DriveInfo
// kind: segmentation
var drives = Enumerable.Empty<System.IO.DriveInfo>();
