// expect RE0010 line 3: System.Threading.Timer
// kind: segmentation
var timer = new System.Threading.Timer(_ => { }, null, 0, 1);
