// kind: segmentation
#load "../_shared/money.csx"
var spend = SpendWithin(365);
SetSegment("grade", Grade(spend), $"spend {spend} vs {GoldThreshold}");
