// expect RE0010 line 3: System.Threading.Monitor
// kind: segmentation
System.Threading.Monitor.Enter(Orders);
