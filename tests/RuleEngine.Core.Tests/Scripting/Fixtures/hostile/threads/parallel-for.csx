// expect RE0010 line 3: System.Threading.Tasks.Parallel
// kind: segmentation
System.Threading.Tasks.Parallel.For(0, 10, i => { });
