// kind: segmentation
var spend = SpendWithin(365);

throw new InvalidOperationException("boom");
