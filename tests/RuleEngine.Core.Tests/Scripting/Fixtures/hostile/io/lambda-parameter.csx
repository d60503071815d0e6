// expect RE0010 line 3: System.IO.Stream
// kind: segmentation
Action<System.IO.Stream> use = s => { };
