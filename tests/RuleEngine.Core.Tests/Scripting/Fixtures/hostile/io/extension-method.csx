// expect RE0010 line 3: System.IO.FileInfo
// kind: segmentation
static class Sneaky { public static string Peek(this System.IO.FileInfo file) => file.Name; }
