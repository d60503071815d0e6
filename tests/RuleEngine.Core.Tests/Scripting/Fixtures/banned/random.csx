// kind: segmentation
var r = new Random().Next();
