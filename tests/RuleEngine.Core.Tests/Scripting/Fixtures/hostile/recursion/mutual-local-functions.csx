// expect runtime TimedOut
// kind: segmentation
int Ping(int n) => Pong(n + 1);
int Pong(int n) => Ping(n + 1);
Ping(0);
