// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
SetScore("risk", double.NaN, "not a number");
