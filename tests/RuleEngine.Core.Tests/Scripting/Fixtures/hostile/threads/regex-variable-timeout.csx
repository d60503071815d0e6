// expect RE0010 line 4: at most 1000 ms
// kind: segmentation
var forever = TimeSpan.MaxValue;
var ok = Regex.IsMatch("aaaa", "(a+)+$", RegexOptions.None, forever);
