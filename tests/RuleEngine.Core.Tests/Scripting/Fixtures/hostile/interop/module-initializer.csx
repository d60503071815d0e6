// expect RE0010 line 3: ModuleInitializer
// kind: segmentation
[System.Runtime.CompilerServices.ModuleInitializer] static void Init() { }
