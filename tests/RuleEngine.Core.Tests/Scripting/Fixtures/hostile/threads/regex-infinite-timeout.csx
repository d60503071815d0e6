// expect RE0010 line 3: InfiniteMatchTimeout
// kind: segmentation
var regex = new Regex("(a+)+$", RegexOptions.None, Regex.InfiniteMatchTimeout);
