// kind: segmentation
System.Threading.Tasks.Task.Run(() => { });
