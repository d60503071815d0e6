using System.Text;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// Short texts that repeat from row to row (a currency, a channel, a SKU, a product name), made into a string once per
/// thread and shared by the rows after: a bulk load of a million orders otherwise allocates the same few hundred
/// strings millions of times. A fixed number of slots, each keeping the last text that hashed to it, so memory is
/// bounded whatever the data; a text that loses its slot is only made again.
/// </summary>
internal static class RepeatedStrings
{
    const int Slots = 1024;
    const int MaxBytes = 64;

    [ThreadStatic] static Entry?[]? t_slots;

    sealed record Entry(byte[] Utf8, string Text);

    /// <summary>The UTF-8 text (not JSON-escaped) as a string.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) return Encoding.UTF8.GetString(utf8);
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slots = t_slots ??= new Entry?[Slots];
        ref var slot = ref slots[(uint)hash.ToHashCode() % Slots];
        if (slot is { } entry && entry.Utf8.AsSpan().SequenceEqual(utf8)) return entry.Text;
        var text = Encoding.UTF8.GetString(utf8);
        slot = new Entry(utf8.ToArray(), text);
        return text;
    }
}
