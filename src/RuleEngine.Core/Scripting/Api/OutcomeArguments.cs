namespace RuleEngine.Scripting.Api;

/// <summary>
/// Checks what a rule passes to the outcome calls, at the call: a bad argument then fails that one customer with
/// the rule's own line in the message, instead of failing the whole page when the outcomes are stored later.
/// </summary>
static class OutcomeArguments
{
    /// <summary>Keeps any sum of a customer's ledger far from overflowing a long.</summary>
    public const long MaxPoints = 1_000_000_000;

    public static string Text(string? value, string name) =>
        value ?? throw new ArgumentNullException(name, $"{name} must not be null.");

    public static string Key(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty.", name) : value;

    /// <summary>'|' separates the parts of the segment members index key, so it cannot appear in a kind or value.</summary>
    public static string SegmentPart(string? value, string name) =>
        Key(value, name).Contains('|') ? throw new ArgumentException($"{name} '{value}' must not contain '|'.", name) : value!;

    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");

    public static long Points(long points, string name) =>
        points is >= -MaxPoints and <= MaxPoints
            ? Math.Abs(points)
            : throw new ArgumentOutOfRangeException(name, points, $"{name} must be between -{MaxPoints:N0} and {MaxPoints:N0}.");
}
