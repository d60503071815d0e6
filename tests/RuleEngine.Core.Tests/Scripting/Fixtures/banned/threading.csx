// kind: segmentation
System.Threading.Thread.Sleep(1000);
