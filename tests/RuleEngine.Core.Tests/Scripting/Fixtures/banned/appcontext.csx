// kind: segmentation
AppContext.SetSwitch("System.Xml.AllowDangerousThings", true);
