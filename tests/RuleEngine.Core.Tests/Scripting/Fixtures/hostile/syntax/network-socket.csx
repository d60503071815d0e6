// expect RE0010 line 3: System.Net.Sockets.Socket
// kind: segmentation
var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
