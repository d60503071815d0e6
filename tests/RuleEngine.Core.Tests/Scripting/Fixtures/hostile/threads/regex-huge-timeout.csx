// expect RE0010 line 3: at most 1000 ms
// kind: segmentation
var ok = Regex.IsMatch("aaaa", "(a+)+$", RegexOptions.None, TimeSpan.FromDays(1));
