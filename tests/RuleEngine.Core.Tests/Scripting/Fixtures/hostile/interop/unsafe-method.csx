// expect RE0011 line 3: unsafe
// kind: segmentation
unsafe void Poke() { }
