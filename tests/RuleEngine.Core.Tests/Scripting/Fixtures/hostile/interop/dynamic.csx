// expect RE0010 line 3: dynamic
// kind: segmentation
dynamic d = 1;
