// expect runtime ArgumentException line 3
// kind: segmentation
SetScore(" ", 1, "blank name");
