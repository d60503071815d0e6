// expect RE0010 line 3: System.Environment
// kind: segmentation
var ticks = Environment.TickCount64;
