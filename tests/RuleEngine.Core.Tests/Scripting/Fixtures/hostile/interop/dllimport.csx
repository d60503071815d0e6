// expect RE0010 line 3: DllImport
// kind: segmentation
[System.Runtime.InteropServices.DllImport("libc")] static extern int getpid();
