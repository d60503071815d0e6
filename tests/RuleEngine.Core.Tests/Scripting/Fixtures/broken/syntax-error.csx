// kind: segmentation
var spend = SpendWithin(365);
var tier = ;
