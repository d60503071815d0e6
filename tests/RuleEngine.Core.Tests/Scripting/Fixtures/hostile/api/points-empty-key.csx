// expect runtime ArgumentException line 3
// kind: segmentation
ExpirePoints(10, "", "no key");
