// expect RE0010 line 3: System.Reflection.MethodBase
// kind: segmentation
var method = new Exception().TargetSite;
