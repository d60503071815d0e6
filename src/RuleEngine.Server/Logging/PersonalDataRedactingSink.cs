using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace RuleEngine.Server.Logging;

/// <summary>
/// Wraps the real sinks and hands them a copy of each event with personal data replaced: in properties
/// (at any depth of destructured objects), in the message template text and in exception messages.
/// A sink wrapper rather than an enricher, because it runs after every enricher and contextual property.
/// </summary>
public sealed class PersonalDataRedactingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent logEvent) => inner.Emit(Redact(logEvent));

    public void Dispose() => (inner as IDisposable)?.Dispose();

    public static LogEvent Redact(LogEvent logEvent)
    {
        var text = PersonalData.RedactText(logEvent.MessageTemplate.Text);
        var template = text == logEvent.MessageTemplate.Text ? logEvent.MessageTemplate : Parser.Parse(text);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redact(p.Key, p.Value)));
        var exception = logEvent.Exception is null ? null : new RedactedException(logEvent.Exception);
        return new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties,
            logEvent.TraceId ?? default, logEvent.SpanId ?? default);
    }

    private static LogEventPropertyValue Redact(string name, LogEventPropertyValue value)
    {
        if (PersonalData.IsKnownSafe(name)) return value;
        if (PersonalData.IsSensitiveProperty(name)) return new ScalarValue(PersonalData.Redacted);
        return value switch
        {
            ScalarValue { Value: string text } => new ScalarValue(PersonalData.RedactText(text)),
            StructureValue structure => new StructureValue(
                structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Name, p.Value))), structure.TypeTag),
            SequenceValue sequence => new SequenceValue(sequence.Elements.Select(e => Redact("", e))),
            DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e =>
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Redact(e.Key.Value?.ToString() ?? "", e.Value)))),
            _ => value,
        };
    }
}
