// expect RE0010 line 3: System.Diagnostics.Debugger
// kind: segmentation
System.Diagnostics.Debugger.Break();
