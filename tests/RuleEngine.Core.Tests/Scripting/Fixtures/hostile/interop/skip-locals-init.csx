// expect RE0010 line 3: SkipLocalsInit
// kind: segmentation
[System.Runtime.CompilerServices.SkipLocalsInit] void Fast() { }
