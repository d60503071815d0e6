// expect RE0010 line 3: System.Environment
// kind: segmentation
var key = Environment.GetEnvironmentVariable("RuleEngine__ApiKeys__0__Key");
