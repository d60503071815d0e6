using System.Globalization;
using System.Text.Json;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// Reads typed fields from one row, noting every problem with its field name instead of stopping at the first.
/// Numbers and booleans may also come as strings (CSV cells always do; many exporters quote numbers).
/// </summary>
internal sealed class RowFields(JsonElement row, Action<string, string> error)
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    public JsonElement? Get(string field) =>
        row.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? Text(string field, bool required = false)
    {
        switch (Get(field))
        {
            case null:
                if (required) error(field, $"'{field}' is required.");
                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!.Trim();
                if (text.Length == 0 && required) error(field, $"'{field}' must not be empty.");
                return text.Length == 0 ? null : text;
            case { ValueKind: JsonValueKind.Number } value:
                return value.GetRawText();
            case var value:
                error(field, $"'{field}' must be a string, not {Describe(value.Value)}.");
                return null;
        }
    }

    /// <summary>
    /// Ids are index keys, and LiteDB refuses a key over 1023 bytes by throwing mid-batch (a 500). 128 characters
    /// is at most 512 bytes of UTF-8 and far more than any CRM export uses.
    /// </summary>
    public const int MaxIdLength = 128;

    /// <summary>A required id of at most <see cref="MaxIdLength"/> characters.</summary>
    public string? Id(string field)
    {
        var id = Text(field, required: true);
        if (id is not { Length: > MaxIdLength }) return id;
        error(field, $"'{field}' has {id.Length} characters; ids have at most {MaxIdLength}.");
        return null;
    }

    public decimal? Decimal(string field, bool required = false) => Number<decimal>(Get(field), field, required, decimal.TryParse);

    public int? Int(string field, bool required = false) => Number<int>(Get(field), field, required, int.TryParse);

    private delegate bool Parse<T>(string text, NumberStyles styles, IFormatProvider provider, out T value);

    private T? Number<T>(JsonElement? value, string field, bool required, Parse<T> parse) where T : struct
    {
        if (value is null)
        {
            if (required) error(field, $"'{field}' is required.");
            return null;
        }
        var text = value.Value.ValueKind switch
        {
            JsonValueKind.Number => value.Value.GetRawText(),
            JsonValueKind.String => value.Value.GetString()!,
            _ => null,
        };
        if (text is not null && parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        error(field, $"'{field}' must be a {(typeof(T) == typeof(int) ? "whole number" : "number")}, not {Describe(value.Value)}.");
        return null;
    }

    /// <summary>An ISO-8601 time; one without an offset is taken as UTC.</summary>
    public DateTime? Time(string field, bool required = false)
    {
        var text = Text(field, required);
        if (text is null) return null;
        if (DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
        error(field, $"'{field}' must be an ISO-8601 UTC time such as 2026-11-22T08:00:00Z, not '{text}'.");
        return null;
    }

    public DateOnly? Date(string field)
    {
        var text = Text(field);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        error(field, $"'{field}' must be a date such as 1990-02-28, not '{text}'.");
        return null;
    }

    public IReadOnlyList<string> TextList(string field)
    {
        if (Get(field) is not { } value) return [];
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        error(field, $"'{field}' must be an array of strings.");
        return [];
    }

    /// <summary>An object of scalars, kept as invariant strings so any JSON scalar round-trips.</summary>
    public Dictionary<string, string> TextMap(string field)
    {
        if (Get(field) is not { } value) return [];
        if (value.ValueKind == JsonValueKind.Object)
        {
            var map = new Dictionary<string, string>();
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    error($"{field}.{property.Name}", $"'{field}.{property.Name}' must be a string, number or boolean.");
                else if (property.Value.ValueKind != JsonValueKind.Null)
                    map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
            return map;
        }
        error(field, $"'{field}' must be an object.");
        return [];
    }

    public Dictionary<string, bool> FlagMap(string field)
    {
        var flags = new Dictionary<string, bool>();
        foreach (var (name, text) in TextMap(field))
        {
            if (bool.TryParse(text, out var flag)) flags[name] = flag;
            else error($"{field}.{name}", $"'{field}.{name}' must be true or false, not '{text}'.");
        }
        return flags;
    }

    /// <summary>False when a string or property name anywhere in <paramref name="value"/> escapes a lone surrogate.</summary>
    internal static bool IsValidUnicode(JsonElement value)
    {
        try
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: _ = value.GetString(); return true;
                case JsonValueKind.Array: return value.EnumerateArray().All(IsValidUnicode);
                // Reading Name unescapes the property name, which throws for a lone surrogate as GetString does.
                case JsonValueKind.Object: return value.EnumerateObject().All(p => p.Name is not null && IsValidUnicode(p.Value));
                default: return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when !IsValidUnicode(value) => value.GetRawText(),
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };
}
