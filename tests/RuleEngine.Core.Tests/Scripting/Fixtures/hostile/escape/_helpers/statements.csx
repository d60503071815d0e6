// A helper that tries to run code when loaded.
System.Console.WriteLine("loaded");
