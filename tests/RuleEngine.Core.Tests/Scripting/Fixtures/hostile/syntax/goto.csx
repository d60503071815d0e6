// expect RE0011 line 3: goto
// kind: segmentation
again: goto again;
