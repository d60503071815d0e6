// expect runtime TimedOut
// kind: segmentation
for (;;) { }
