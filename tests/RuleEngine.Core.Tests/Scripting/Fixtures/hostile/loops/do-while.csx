// expect runtime TimedOut
// kind: segmentation
var i = 0;
do { i++; } while (i >= 0 || true);
