// expect RE0010 line 3: System.Diagnostics.Process
// kind: segmentation
System.Diagnostics.Process.Start("sh");
