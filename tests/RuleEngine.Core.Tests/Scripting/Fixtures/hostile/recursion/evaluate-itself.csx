// expect runtime RecursionTooDeep
// kind: segmentation
// The rule's body is Evaluate() itself: only the guard at its entry stops this one.
Evaluate();
SetSegment("never", "reached", "a statement after the call, so that it is not a tail call");
