// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
var fifth = Orders[5];
