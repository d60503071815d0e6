// expect RE0010 line 3: System.Reflection.Assembly
// kind: segmentation
var assembly = System.Reflection.Assembly.Load("System.Net.Http");
