// expect runtime OverflowException
// kind: segmentation
var size = -1 - Orders.Count;
var array = new int[size];
