// expect runtime TimeZoneNotFoundException line 3
// kind: segmentation
var zone = TimeZoneInfo.FindSystemTimeZoneById("../../../../etc/passwd");
