// expect runtime RecursionTooDeep
// kind: segmentation
int Depth(int n) => Depth(n + 1) + 1;
Depth(0);
