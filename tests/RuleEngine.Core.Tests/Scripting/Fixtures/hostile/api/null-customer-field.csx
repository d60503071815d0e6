// expect runtime NullReferenceException line 3
// kind: segmentation
var length = Customer.Email!.Length;
