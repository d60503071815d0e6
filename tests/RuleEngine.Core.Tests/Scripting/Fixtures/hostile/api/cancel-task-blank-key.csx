// expect runtime ArgumentException line 3
// kind: segmentation
CancelTask("  ", "because");
