// expect runtime InvalidOperationException line 3
// kind: segmentation
var spend = Population;
