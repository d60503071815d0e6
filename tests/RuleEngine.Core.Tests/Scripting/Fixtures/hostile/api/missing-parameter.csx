// expect runtime KeyNotFoundException line 3
// kind: segmentation
var threshold = Parameters["threshold"];
