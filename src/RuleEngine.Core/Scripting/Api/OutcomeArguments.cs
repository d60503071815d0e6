using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// Checks what a rule passes to the outcome calls, at the call: a bad argument then fails that one customer with
/// the rule's own line in the message, instead of failing the whole page when the outcomes are stored later.
/// They run for every outcome of every customer, so each check is a few inlined instructions on the good path and
/// the throws sit in separate methods (a method that throws is not inlined).
/// </summary>
static class OutcomeArguments
{
    /// <summary>Keeps any sum of a customer's ledger far from overflowing a long.</summary>
    public const long MaxPoints = 1_000_000_000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Text(string? value, string name) => value ?? Null(name);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Key(string? value, string name) => HasText(value) ? value : Empty(name);

    /// <summary>'|' separates the parts of the segment members index key, so it cannot appear in a kind or value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string SegmentPart(string? value, string name)
    {
        var part = Key(value, name);
        return part.Contains('|') ? HasSeparator(part, name) : part;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Finite(double value, string name) => double.IsFinite(value) ? value : NotFinite(value, name);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Points(long points, string name) =>
        points is >= -MaxPoints and <= MaxPoints ? Math.Abs(points) : OutOfRange(points, name);

    /// <summary>Not null, empty or blank. Keys almost always start with a visible character, which settles it at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool HasText([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 } && (!char.IsWhiteSpace(value[0]) || !string.IsNullOrWhiteSpace(value));

    [DoesNotReturn]
    static string Null(string name) => throw new ArgumentNullException(name, $"{name} must not be null.");

    [DoesNotReturn]
    static string Empty(string name) => throw new ArgumentException($"{name} must not be empty.", name);

    [DoesNotReturn]
    static string HasSeparator(string value, string name) => throw new ArgumentException($"{name} '{value}' must not contain '|'.", name);

    [DoesNotReturn]
    static double NotFinite(double value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");

    [DoesNotReturn]
    static long OutOfRange(long points, string name) =>
        throw new ArgumentOutOfRangeException(name, points, $"{name} must be between -{MaxPoints:N0} and {MaxPoints:N0}.");
}
