// expect runtime TimedOut
// kind: segmentation
void Spin() { try { while (true) { } } finally { Spin(); } }
Spin();
