// A helper that hides a banned call.
string ReadSecret() => System.IO.File.ReadAllText("/etc/passwd");
