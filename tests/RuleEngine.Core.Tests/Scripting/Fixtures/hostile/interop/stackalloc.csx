// expect RE0011 line 3: stackalloc
// kind: segmentation
Span<int> big = stackalloc int[100_000_000];
