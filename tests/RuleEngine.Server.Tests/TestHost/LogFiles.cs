using RuleEngine.Server.Logging;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>What the server's file sink has written so far under the test's data folder.</summary>
public static class LogFiles
{
    public static string Read(RuleEngineAppFactory factory) =>
        string.Concat(Directory.GetFiles(Path.Combine(factory.DataPath, LoggingSetup.LogFolder)).Order().Select(path =>
        {
            // The file sink keeps the file open; share it rather than wait for the host to stop.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }));
}
