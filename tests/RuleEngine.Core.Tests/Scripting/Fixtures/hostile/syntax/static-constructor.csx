// expect RE0011 line 3: static constructors
// kind: segmentation
class Sneaky { static Sneaky() { } }
