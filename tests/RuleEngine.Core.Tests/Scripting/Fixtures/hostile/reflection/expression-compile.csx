// expect RE0010 line 3: System.Linq.Expressions.Expression
// kind: segmentation
System.Linq.Expressions.Expression<Func<int>> e = () => 1;
var f = e.Compile();
