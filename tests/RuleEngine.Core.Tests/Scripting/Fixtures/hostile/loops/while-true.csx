// expect runtime TimedOut
// kind: segmentation
var i = 0;
while (true) { i++; }
