// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
SetScore("risk", 1.0 / Orders.Count, "infinite");
