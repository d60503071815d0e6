// A helper file must not run statements.
System.Console.WriteLine("hello");
