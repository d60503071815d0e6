// expect RE0011 line 3: unsafe
// kind: segmentation
int* p = null;
