// kind: segmentation
dynamic d = 1;
