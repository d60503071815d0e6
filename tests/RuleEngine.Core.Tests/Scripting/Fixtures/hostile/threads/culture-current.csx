// expect RE0010 line 3: CurrentCulture
// kind: segmentation
System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
