// expect runtime OverflowException line 4
// kind: segmentation
var big = int.MaxValue - Orders.Count;
var sum = checked(big + 1);
