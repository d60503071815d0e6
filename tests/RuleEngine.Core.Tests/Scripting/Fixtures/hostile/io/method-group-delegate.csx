// expect RE0010 line 3: System.IO.File
// kind: segmentation
Func<string, string> read = System.IO.File.ReadAllText;
