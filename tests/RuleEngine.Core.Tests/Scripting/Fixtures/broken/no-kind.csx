// name: no-kind
SetSegment("a", "b", "c");
