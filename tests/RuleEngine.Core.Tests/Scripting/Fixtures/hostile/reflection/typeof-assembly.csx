// expect RE0010 line 3: System.Type
// kind: segmentation
var types = typeof(string).Assembly.GetTypes();
