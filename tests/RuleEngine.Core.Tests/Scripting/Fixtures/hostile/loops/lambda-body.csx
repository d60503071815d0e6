// expect runtime TimedOut
// kind: segmentation
Func<int> spin = () => { while (true) { } };
spin();
