// expect RE0010 line 3: System.Random
// kind: segmentation
var dice = new Random().Next();
