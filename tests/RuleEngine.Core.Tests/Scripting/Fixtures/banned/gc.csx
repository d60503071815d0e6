// kind: segmentation
GC.Collect();
