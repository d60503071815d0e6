// expect RE0010 line 3: System.Net.Dns
// kind: segmentation
var addresses = System.Net.Dns.GetHostAddresses("example.com");
