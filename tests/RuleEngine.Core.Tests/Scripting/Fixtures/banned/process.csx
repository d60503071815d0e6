// kind: segmentation
System.Diagnostics.Process.Start("sh");
