// expect RE0010 line 3: System.Linq.ParallelEnumerable
// kind: segmentation
var n = Orders.AsParallel().Count();
