// expect runtime OverflowException line 4
// kind: segmentation
var big = decimal.MaxValue - Orders.Count;
var twice = big * 2;
