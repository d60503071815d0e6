// kind: segmentation
[System.Runtime.CompilerServices.ModuleInitializer] static void Init() { }
