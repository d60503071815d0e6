// expect RE0011 line 3: __arglist
// kind: segmentation
void Vararg(__arglist) { var a = __arglist; }
