using RuleEngine.Server.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace RuleEngine.Server.Tests.Logging;

public class PersonalDataRedactingSinkTests
{
    [Fact]
    public void Names_inside_destructured_customers_are_redacted_but_event_ids_keep_theirs()
    {
        var captured = Capture(logger => logger.Information("{@EventId} {@Customer}",
            new { Id = 13, Name = "AuthenticationSchemeForbidden" }, new { Id = "c-7", Name = "Liu Yang" }));

        var rendered = captured.RenderMessage();
        Assert.Contains("AuthenticationSchemeForbidden", rendered);
        Assert.Contains("c-7", rendered);
        Assert.DoesNotContain("Liu Yang", rendered);
    }

    [Fact]
    public void Exception_messages_are_redacted_and_the_type_kept()
    {
        var captured = Capture(logger => logger.Error(new ArgumentException("bad phone +44 20 7946 0958"), "failed"));

        Assert.Contains(nameof(ArgumentException), captured.Exception!.ToString());
        Assert.DoesNotContain("7946", captured.Exception.ToString());
    }

    private static LogEvent Capture(Action<Serilog.ILogger> log)
    {
        var sink = new CapturingSink();
        using (var logger = new LoggerConfiguration().WriteTo.PersonalDataRedacted(s => s.Sink(sink)).CreateLogger()) log(logger);
        return Assert.Single(sink.Events);
    }

    private sealed class CapturingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
