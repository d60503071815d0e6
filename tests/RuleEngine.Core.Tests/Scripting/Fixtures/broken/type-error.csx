// kind: segmentation
int count = "three";
