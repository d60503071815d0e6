// expect RE0010 line 3: UnmanagedCallersOnly
// kind: segmentation
[System.Runtime.InteropServices.UnmanagedCallersOnly] static void Callback() { }
