// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
AwardPoints(long.MaxValue, "huge", "too many");
