// expect RE0010 line 3: matchTimeout
// kind: segmentation
var ok = Regex.IsMatch(Customer.Email ?? "", "(a+)+$");
