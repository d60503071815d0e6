using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RuleEngine.Ingest.Mapping;

/// <summary>
/// Reads typed fields from one row, noting every problem with its field name instead of stopping at the first.
/// Numbers and booleans may also come as strings (CSV cells always do; many exporters quote numbers).
/// A row's fields read cheaply when valid (ingest maps millions): numbers and the usual UTC times straight from the
/// JSON, and an error's field path (items[2].price) composed only when there is an error.
/// </summary>
internal sealed class RowFields
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private readonly JsonElement _row;
    private readonly Action<string, string> _error;
    private readonly RowFields? _parent;
    private readonly string? _arrayName;
    private readonly int _index;

    public RowFields(JsonElement row, Action<string, string> error) => (_row, _error) = (row, error);

    private RowFields(RowFields parent, JsonElement element, string arrayName, int index) =>
        (_row, _error, _parent, _arrayName, _index) = (element, parent._error, parent, arrayName, index);

    /// <summary>False once any field of the row (or of an element read through <see cref="Element"/>) had an error.</summary>
    public bool Ok { get; private set; } = true;

    /// <summary>The fields of element <paramref name="index"/> of the array <paramref name="arrayName"/>; their errors count as this row's.</summary>
    public RowFields Element(string arrayName, int index, JsonElement element) => new(this, element, arrayName, index);

    /// <summary>Records a problem with <paramref name="field"/> (a whole-row check, or one a mapper makes itself).</summary>
    public void Error(string field, string message)
    {
        for (var fields = this; fields is not null; fields = fields._parent) fields.Ok = false;
        if (_arrayName is null) _error(field, message);
        else
        {
            var prefix = $"{_arrayName}[{_index}]";
            _error($"{prefix}.{field}", $"{prefix}: {message}");
        }
    }

    public JsonElement? Get(string field) =>
        _row.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? Text(string field, bool required = false)
    {
        switch (Get(field))
        {
            case null:
                if (required) Error(field, $"'{field}' is required.");
                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!.Trim();
                if (text.Length == 0 && required) Error(field, $"'{field}' must not be empty.");
                return text.Length == 0 ? null : text;
            case { ValueKind: JsonValueKind.Number } value:
                return value.GetRawText();
            case var value:
                Error(field, $"'{field}' must be a string, not {Describe(value.Value)}.");
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
        Error(field, $"'{field}' has {id.Length} characters; ids have at most {MaxIdLength}.");
        return null;
    }

    public decimal? Decimal(string field, bool required = false)
    {
        var value = Get(field);
        return value is { ValueKind: JsonValueKind.Number } number && number.TryGetDecimal(out var read) ? read
            : Number<decimal>(value, field, required, decimal.TryParse);
    }

    public int? Int(string field, bool required = false)
    {
        var value = Get(field);
        return value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var read) ? read
            : Number<int>(value, field, required, int.TryParse);
    }

    private delegate bool Parse<T>(string text, NumberStyles styles, IFormatProvider provider, out T value);

    private T? Number<T>(JsonElement? value, string field, bool required, Parse<T> parse) where T : struct
    {
        if (value is null)
        {
            if (required) Error(field, $"'{field}' is required.");
            return null;
        }
        var text = value.Value.ValueKind switch
        {
            JsonValueKind.Number => value.Value.GetRawText(),
            JsonValueKind.String => value.Value.GetString()!,
            _ => null,
        };
        if (text is not null && parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        Error(field, $"'{field}' must be a {(typeof(T) == typeof(int) ? "whole number" : "number")}, not {Describe(value.Value)}.");
        return null;
    }

    /// <summary>An ISO-8601 time; one without an offset is taken as UTC.</summary>
    public DateTime? Time(string field, bool required = false)
    {
        if (Get(field) is { ValueKind: JsonValueKind.String } value && UtcTimes.TryRead(JsonMarshal.GetRawUtf8Value(value), out var utc)) return utc;
        var text = Text(field, required);
        if (text is null) return null;
        if (DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
        Error(field, $"'{field}' must be an ISO-8601 UTC time such as 2026-11-22T08:00:00Z, not '{text}'.");
        return null;
    }

    public DateOnly? Date(string field)
    {
        var text = Text(field);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(field, $"'{field}' must be a date such as 1990-02-28, not '{text}'.");
        return null;
    }

    public IReadOnlyList<string> TextList(string field)
    {
        if (Get(field) is not { } value) return [];
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        Error(field, $"'{field}' must be an array of strings.");
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
                    Error($"{field}.{property.Name}", $"'{field}.{property.Name}' must be a string, number or boolean.");
                else if (property.Value.ValueKind != JsonValueKind.Null)
                    map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
            return map;
        }
        Error(field, $"'{field}' must be an object.");
        return [];
    }

    public Dictionary<string, bool> FlagMap(string field)
    {
        var flags = new Dictionary<string, bool>();
        foreach (var (name, text) in TextMap(field))
        {
            if (bool.TryParse(text, out var flag)) flags[name] = flag;
            else Error($"{field}.{name}", $"'{field}.{name}' must be true or false, not '{text}'.");
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
