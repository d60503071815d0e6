// expect RE0011 line 3: unsafe
// kind: segmentation
unsafe { int x = 1; }
