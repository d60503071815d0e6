// expect RE0010 line 3: System.GC
// kind: segmentation
GC.Collect();
