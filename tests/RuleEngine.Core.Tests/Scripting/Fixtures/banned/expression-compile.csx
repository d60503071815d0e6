// kind: segmentation
System.Linq.Expressions.Expression<Func<int>> e = () => 1;
var f = e.Compile();
