// expect RE0011 line 3: lock
// kind: segmentation
lock ("shared") { }
