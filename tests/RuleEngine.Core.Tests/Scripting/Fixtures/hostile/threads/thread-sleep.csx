// expect RE0010 line 3: System.Threading.Thread
// kind: segmentation
System.Threading.Thread.Sleep(1000);
