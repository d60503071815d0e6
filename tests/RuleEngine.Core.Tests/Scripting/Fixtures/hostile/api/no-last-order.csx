// expect runtime NullReferenceException line 3
// kind: segmentation
var amount = LastOrder!.Amount;
