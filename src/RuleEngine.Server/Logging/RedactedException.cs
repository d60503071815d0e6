namespace RuleEngine.Server.Logging;

/// <summary>
/// Stands in for a logged exception so that its message and stack text (which sinks write via
/// <see cref="ToString"/>) are redacted too: exception messages often quote the offending value.
/// </summary>
public sealed class RedactedException(Exception original) : Exception(PersonalData.RedactText(original.Message))
{
    public Exception Original { get; } = original;

    public override string ToString() => PersonalData.RedactText(Original.ToString());
}
