// expect runtime FormatException line 3
// kind: segmentation
var n = int.Parse("twelve", CultureInfo.InvariantCulture);
