// expect RE0010 line 3: System.AppDomain
// kind: segmentation
var loaded = AppDomain.CurrentDomain.GetAssemblies();
