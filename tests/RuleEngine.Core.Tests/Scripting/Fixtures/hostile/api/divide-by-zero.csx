// expect runtime DivideByZeroException line 4
// kind: segmentation
var count = Orders.Count;
var ratio = 100 / count;
