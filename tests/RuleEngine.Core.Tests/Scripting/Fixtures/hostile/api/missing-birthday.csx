// expect runtime InvalidOperationException line 3
// kind: segmentation
var month = Customer.Birthday!.Value.Month;
