// expect RE0010 line 3: System.IO.Stream
// kind: segmentation
void Use<T>() where T : System.IO.Stream { }
