// expect RE0010 line 3: System.Threading.Thread
// kind: segmentation
new System.Threading.Thread(() => { while (true) { } }).Start();
