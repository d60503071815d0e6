// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
DeductPoints(long.MinValue, "min", "Math.Abs would overflow");
