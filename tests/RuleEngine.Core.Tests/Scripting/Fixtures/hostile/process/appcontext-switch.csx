// expect RE0010 line 3: System.AppContext
// kind: segmentation
AppContext.SetSwitch("System.Globalization.Invariant", true);
