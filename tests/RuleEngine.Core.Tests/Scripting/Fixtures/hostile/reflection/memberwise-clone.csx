// expect RE0010 line 3: MemberwiseClone
// kind: segmentation
class Copyable { public Copyable Copy() => (Copyable)MemberwiseClone(); }
