// expect runtime RegexMatchTimeoutException line 3
// kind: segmentation
var ok = Regex.IsMatch(new string('a', 40) + "!", "^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(50));
