// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
var later = Now.AddYears(100_000);
