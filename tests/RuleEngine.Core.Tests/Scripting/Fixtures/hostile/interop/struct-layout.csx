// expect RE0010 line 3: StructLayout
// kind: segmentation
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)] struct Overlay { }
