// expect runtime RecursionTooDeep
// kind: segmentation
Func<int, int> f = null;
f = n => f(n + 1) + 1;
f(0);
