// kind: segmentation
class Sneaky { ~Sneaky() { while (true) { } } }
