// expect runtime InvalidOperationException line 3
// kind: segmentation
var average = Orders.Average(o => o.Amount);
