// kind: segmentation
unsafe { int* p = null; }
