// expect RE0010 line 3: CacheSize
// kind: segmentation
Regex.CacheSize = 0;
