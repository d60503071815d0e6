// expect runtime InvalidOperationException line 3
// kind: segmentation
var first = Orders.First();
