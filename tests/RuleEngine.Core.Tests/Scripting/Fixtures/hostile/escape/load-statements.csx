// expect RE0005 line 2: only declare
// kind: segmentation
#load "_helpers/statements.csx"
SetSegment("a", "b", "c");
