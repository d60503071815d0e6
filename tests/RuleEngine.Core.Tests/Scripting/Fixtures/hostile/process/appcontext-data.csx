// expect RE0010 line 3: System.AppContext
// kind: segmentation
var assemblies = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES");
