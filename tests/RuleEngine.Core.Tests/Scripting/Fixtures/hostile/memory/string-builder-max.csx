// expect runtime ArgumentOutOfRangeException line 3
// kind: segmentation
var builder = new StringBuilder(10, 20).Append('x', 100);
