// expect runtime RecursionTooDeep
// kind: segmentation
int Grow<T>(T value, int n) => Grow(value, n + 1) + 1;
Grow("x", 0);
