// kind: segmentation
var methods = typeof(string).Assembly.GetTypes();
