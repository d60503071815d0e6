// expect RE0011 line 3: unsafe
// kind: segmentation
delegate*<void> f = null;
