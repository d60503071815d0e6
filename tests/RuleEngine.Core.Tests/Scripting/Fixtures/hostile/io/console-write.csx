// expect RE0010 line 3: System.Console
// kind: segmentation
Console.WriteLine(Customer.Email);
