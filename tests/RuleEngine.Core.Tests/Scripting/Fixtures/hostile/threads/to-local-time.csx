// expect RE0010 line 3: System.DateTime.ToLocalTime
// kind: segmentation
var local = Now.ToLocalTime();
