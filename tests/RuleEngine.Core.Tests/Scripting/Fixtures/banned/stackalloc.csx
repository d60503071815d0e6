// kind: segmentation
Span<int> big = stackalloc int[100_000_000];
