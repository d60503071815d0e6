// expect RE0011 line 3: async
// kind: segmentation
Func<int> f = async () => 1;
