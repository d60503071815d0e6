// expect RE0011 line 3: extern
// kind: segmentation
static extern int getpid();
