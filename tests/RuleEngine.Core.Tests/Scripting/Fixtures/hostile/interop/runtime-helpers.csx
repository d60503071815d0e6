// expect RE0010 line 3: System.Runtime.CompilerServices.RuntimeHelpers
// kind: segmentation
System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
