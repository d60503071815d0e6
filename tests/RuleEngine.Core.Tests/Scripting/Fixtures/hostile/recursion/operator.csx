// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public static int operator +(Deep a, int b) => (a + (b + 1)) + 1; }
var v = new Deep() + 0;
