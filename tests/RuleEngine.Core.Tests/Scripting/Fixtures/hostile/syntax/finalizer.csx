// expect RE0011 line 3: finalizers
// kind: segmentation
class Sneaky { ~Sneaky() { while (true) { } } }
