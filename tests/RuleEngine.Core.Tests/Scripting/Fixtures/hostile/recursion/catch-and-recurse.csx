// expect runtime RecursionTooDeep
// kind: segmentation
int Depth(int n) { try { return Depth(n + 1) + 1; } catch (Exception) { return Depth(n + 1); } }
Depth(0);
