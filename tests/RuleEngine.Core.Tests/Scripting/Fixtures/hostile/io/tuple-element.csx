// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
(int, System.IO.FileInfo) pair = default;
