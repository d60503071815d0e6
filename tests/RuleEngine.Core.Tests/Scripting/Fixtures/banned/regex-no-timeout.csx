// kind: segmentation
var ok = Regex.IsMatch("abc", "a+");
