// expect runtime ArgumentException line 3
// kind: segmentation
Tag("", "because");
