// expect RE0010 line 3: System.Environment
// kind: segmentation
Environment.Exit(1);
