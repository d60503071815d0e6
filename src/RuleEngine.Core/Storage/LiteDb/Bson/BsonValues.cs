using System.Globalization;
using LiteDB;

namespace RuleEngine.Storage.LiteDb.Bson;

/// <summary>Small conversions the document mappers share (LiteDB has no lifted conversions for nullables).</summary>
internal static class BsonValues
{
    public static BsonValue Of(DateTime? value) => value.HasValue ? new BsonValue(value.Value) : BsonValue.Null;

    public static DateTime? DateOrNull(BsonValue value) => value.IsNull ? null : value.AsDateTime;

    public static BsonValue Of(DateOnly? value) =>
        value.HasValue ? new BsonValue(value.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : BsonValue.Null;

    public static DateOnly? DateOnlyOrNull(BsonValue value) =>
        value.IsNull ? null : DateOnly.ParseExact(value.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static BsonArray Of(IEnumerable<string> values) => new(values.Select(v => new BsonValue(v)));

    public static IReadOnlyList<string> Strings(BsonValue value) =>
        value.IsArray ? value.AsArray.Select(v => v.AsString).ToList() : [];

    public static BsonDocument Of(IReadOnlyDictionary<string, string> values)
    {
        var document = new BsonDocument();
        foreach (var (key, value) in values) document[key] = value;
        return document;
    }

    public static BsonDocument Of(IReadOnlyDictionary<string, bool> values)
    {
        var document = new BsonDocument();
        foreach (var (key, value) in values) document[key] = value;
        return document;
    }

    public static Dictionary<string, string> StringMap(BsonValue value) =>
        value.IsDocument ? value.AsDocument.ToDictionary(p => p.Key, p => p.Value.AsString) : [];

    public static Dictionary<string, bool> BoolMap(BsonValue value) =>
        value.IsDocument ? value.AsDocument.ToDictionary(p => p.Key, p => p.Value.AsBoolean) : [];

    /// <summary>Enums are stored as lowercase names, as the API shows them.</summary>
    public static BsonValue Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static TEnum Enum<TEnum>(BsonValue value) where TEnum : struct, Enum =>
        System.Enum.Parse<TEnum>(value.AsString, ignoreCase: true);
}
