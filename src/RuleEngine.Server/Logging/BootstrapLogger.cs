using Serilog;

namespace RuleEngine.Server.Logging;

/// <summary>The console logger used until the host's logger exists, so start-up failures are logged too.</summary>
public static class BootstrapLogger
{
    public static Serilog.ILogger Create() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.PersonalDataRedacted(sinks => sinks.Console(LoggingSetup.ConsoleFormat()))
            .CreateLogger();
}
