// expect RE0010 line 3: System.Linq.Queryable
// kind: segmentation
var q = Orders.AsQueryable();
