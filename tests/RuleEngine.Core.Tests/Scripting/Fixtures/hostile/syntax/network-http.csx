// expect RE0010 line 3: System.Net.Http.HttpClient
// kind: segmentation
var client = new System.Net.Http.HttpClient();
