// expect runtime RecursionTooDeep
// kind: segmentation
int Depth(int n) => Enumerable.Range(0, 1).Sum(i => Depth(n + 1)) + 1;
Depth(0);
