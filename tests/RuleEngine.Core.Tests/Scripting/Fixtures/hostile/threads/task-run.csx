// expect RE0010 line 3: System.Threading.Tasks.Task
// kind: segmentation
System.Threading.Tasks.Task.Run(() => { });
