// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public static int Go(int n) => Go(n + 1) + 1; }
Deep.Go(0);
