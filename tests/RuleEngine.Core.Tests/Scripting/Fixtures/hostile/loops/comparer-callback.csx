// expect runtime TimedOut
// kind: segmentation
var list = new List<int> { 3, 1, 2 };
list.Sort((a, b) => { while (true) { } });
