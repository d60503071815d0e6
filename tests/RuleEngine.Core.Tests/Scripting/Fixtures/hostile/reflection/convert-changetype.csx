// expect RE0010 line 3: System.Type
// kind: segmentation
var value = Convert.ChangeType(1, typeof(string));
