// expect RE0010 line 3: System.Threading.ThreadPool
// kind: segmentation
System.Threading.ThreadPool.QueueUserWorkItem(_ => { });
