// kind: segmentation
var client = new System.Net.Http.HttpClient();
