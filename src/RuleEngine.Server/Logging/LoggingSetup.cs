using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Templates;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Logging;

public static class LoggingSetup
{
    public const string LogFolder = "logs";

    /// <summary>Console plus a daily rolling compact-JSON file under <c>{DataPath}/logs</c>, all behind the redactor.</summary>
    public static WebApplicationBuilder AddRuleEngineLogging(this WebApplicationBuilder builder)
    {
        // Resolved from the container (not from builder.Configuration) so test hosts' settings apply, and
        // preserveStaticLogger so several hosts in one process do not fight over Serilog's static Log.Logger.
        builder.Services.AddSerilog((services, logger) => Configure(logger,
            services.GetRequiredService<IConfiguration>(),
            services.GetRequiredService<IOptions<RuleEngineOptions>>().Value.FullDataPath), preserveStaticLogger: true);
        return builder;
    }

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string dataPath) =>
        ReadLevels(logger, configuration)
            .Enrich.FromLogContext()
            .WriteTo.PersonalDataRedacted(sinks =>
            {
                sinks.Console(ConsoleFormat());
                sinks.File(new CompactJsonFormatter(), Path.Combine(dataPath, LogFolder, "ruleengine-.json"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31,
                    fileSizeLimitBytes: 256L * 1024 * 1024, rollOnFileSizeLimit: true);
            });

    /// <summary>Every sink goes through here, so personal data cannot reach one by a side door.</summary>
    public static LoggerConfiguration PersonalDataRedacted(this LoggerSinkConfiguration writeTo, Action<LoggerSinkConfiguration> sinks) =>
        writeTo.Sink(LoggerSinkConfiguration.Wrap(inner => new PersonalDataRedactingSink(inner), sinks));

    public static ExpressionTemplate ConsoleFormat() =>
        new("[{@t:HH:mm:ss} {@l:u3}] {#if RunId is not null}[{RuleName} run {RunId}] {#end}{@m}\n{@x}");

    /// <summary>
    /// Request logs without query strings (filters and customer searches carry personal data: <c>?q=138...</c>), with the
    /// calling key's name. Written by the host's logger: left unset, the middleware writes to the static logger, which
    /// (preserveStaticLogger) is the console-only bootstrap logger, and no request line reached the log file.
    /// </summary>
    public static IApplicationBuilder UseRuleEngineRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} by {Actor} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("Actor", context.Actor());
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : IsProbe(context.Request.Path) && context.Response.StatusCode < 400 ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });

    // Health probes and scrapes arrive every few seconds; logging them would drown the interesting lines.
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>
    /// Only levels come from configuration (<c>Serilog:MinimumLevel:Default</c> and <c>:Override:{namespace}</c>,
    /// the usual Serilog keys); sinks are fixed in code so that no configured sink can bypass the redactor.
    /// </summary>
    private static LoggerConfiguration ReadLevels(LoggerConfiguration logger, IConfiguration configuration)
    {
        var levels = configuration.GetSection("Serilog:MinimumLevel");
        logger.MinimumLevel.Is(Parse(levels["Default"], LogEventLevel.Information))
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            // The base handler's "was challenged/forbidden" lines; RefusedRequestReporter logs the useful warning.
            .MinimumLevel.Override(typeof(ApiKeyAuthenticationHandler).FullName!, LogEventLevel.Warning);
        foreach (var source in levels.GetSection("Override").GetChildren())
        {
            logger.MinimumLevel.Override(source.Key, Parse(source.Value, LogEventLevel.Information));
        }
        return logger;
    }

    private static LogEventLevel Parse(string? level, LogEventLevel otherwise) =>
        level is null ? otherwise
        : Enum.TryParse<LogEventLevel>(level, ignoreCase: true, out var parsed) ? parsed
        : throw new InvalidOperationException(
            $"Serilog:MinimumLevel: '{level}' is not a level; use Verbose, Debug, Information, Warning, Error or Fatal.");
}
