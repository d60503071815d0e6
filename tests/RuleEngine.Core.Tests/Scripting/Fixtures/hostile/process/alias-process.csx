// expect RE0010 line 3: System.Diagnostics.Process
// kind: segmentation
using P = System.Diagnostics.Process;
P.Start("sh");
