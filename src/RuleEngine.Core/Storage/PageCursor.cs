using System.Buffers.Text;
using System.Text;

namespace RuleEngine.Storage;

/// <summary>Cursors are the last key of a page, base64url-encoded so that callers treat them as opaque.</summary>
public static class PageCursor
{
    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));

    /// <summary>The key after which the next page starts; null for the first page.</summary>
    /// <exception cref="FormatException">The cursor was not made by <see cref="Encode"/>.</exception>
    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new FormatException($"The cursor '{cursor}' is not one this server returned.");
        }
    }

    /// <summary>Cuts a "limit + 1" read down to a page, with a cursor only when more items exist.</summary>
    public static Page<T> ToPage<T>(List<T> itemsPlusOne, int limit, Func<T, string> keyOf) =>
        itemsPlusOne.Count > limit
            ? new Page<T>(itemsPlusOne.GetRange(0, limit), Encode(keyOf(itemsPlusOne[limit - 1])))
            : new Page<T>(itemsPlusOne, null);
}
