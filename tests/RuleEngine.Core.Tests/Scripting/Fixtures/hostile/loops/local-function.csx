// expect runtime TimedOut
// kind: segmentation
void Spin() { while (true) { } }
Spin();
