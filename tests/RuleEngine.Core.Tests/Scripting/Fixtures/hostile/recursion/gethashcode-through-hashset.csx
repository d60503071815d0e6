// expect runtime RecursionTooDeep
// kind: segmentation
class Deep { public override int GetHashCode() => new HashSet<Deep> { new Deep() }.Count; public override bool Equals(object? o) => false; }
var set = new HashSet<Deep> { new Deep() };
