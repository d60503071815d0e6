// expect RE0011 line 4: __makeref
// kind: segmentation
int i = 1;
var r = __makeref(i);
