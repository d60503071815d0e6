// kind: segmentation
Environment.Exit(1);
