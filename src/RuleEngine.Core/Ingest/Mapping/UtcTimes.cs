namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// The one time format nearly every export uses, <c>2026-11-22T08:00:00Z</c> (with up to seven fraction digits), read
/// straight from a JSON string's UTF-8 bytes. Anything else (an offset, no seconds, a date, an escape, white space) is
/// left to the general parser, which accepts it or names the problem: this only reads the same times faster.
/// </summary>
internal static class UtcTimes
{
    /// <param name="raw">The JSON string as it is in the document, quotes included.</param>
    public static bool TryRead(ReadOnlySpan<byte> raw, out DateTime time)
    {
        time = default;
        return raw is [(byte)'"', .. var s, (byte)'"'] && TryReadUnquoted(s, out time);
    }

    /// <param name="s">The JSON string's content, without its quotes and not escaped.</param>
    public static bool TryReadUnquoted(ReadOnlySpan<byte> s, out DateTime time)
    {
        time = default;
        if (s.Length is < 20 or > 28 || s[^1] != 'Z'
            || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day)
            || !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second)) return false;
        var fraction = 0;
        if (s.Length > 20)
        {
            var digits = s[20..^1];
            if (s[19] != '.' || digits.IsEmpty || !Digits(digits, out fraction)) return false;
            for (var scale = digits.Length; scale < 7; scale++) fraction *= 10; // ".5" is 5,000,000 ticks
        }
        else if (s[19] != 'Z') return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
