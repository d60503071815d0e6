// expect RE0010 line 3: System.Diagnostics.Stopwatch
// kind: segmentation
var watch = System.Diagnostics.Stopwatch.StartNew();
