using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RuleEngine.Scripting;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Reads a <c>.tests.json</c> file. Anything wrong (bad JSON, an unknown field, a missing <c>expect</c>) becomes a
/// diagnostic naming the file and line, so analysts fix tests the way they fix rules.
/// </summary>
public static class RuleTestParser
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        // A misspelt field ("expcet") must fail loudly, not make a test that checks nothing.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new UtcDateTimeConverter() },
    };

    static readonly string[] ExpectationKinds = ["segment", "score", "points", "task", "cancel", "tag", "untag", "coupon", "drawChance"];

    public static (RuleTestFile? File, IReadOnlyList<RuleDiagnostic> Diagnostics) Parse(RuleFile file)
    {
        RuleTestFile? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<RuleTestFile>(file.Content, Options);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
            return (null, [Error(file.Path, $"The tests file is not valid{where}: {FirstSentence(e.Message)}",
                (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1)]);
        }
        if (parsed is null) return (null, [Error(file.Path, "The tests file is empty; write { \"cases\": [ ... ] }.", 1, 1)]);

        var problems = parsed.Cases.SelectMany(c => Validate(c, parsed.Now)
            .Select(message => Error(file.Path, $"Case '{c.Name}': {message}", LineOf(file.Content, c.Name), 1))).ToList();
        if (parsed.Cases.Count == 0) problems.Add(Error(file.Path, "The tests file has no cases.", 1, 1));
        foreach (var twice in parsed.Cases.GroupBy(c => c.Name).Where(g => g.Count() > 1))
            problems.Add(Error(file.Path, $"Two cases are named '{twice.Key}'; give each case its own name.", LineOf(file.Content, twice.Key), 1));
        return (problems.Count == 0 ? parsed : null, problems);
    }

    static IEnumerable<string> Validate(RuleTestCase testCase, DateTime? fileNow)
    {
        if (testCase.Now is null && fileNow is null) yield return "no 'now': give the case (or the file) the run's time.";
        if (testCase.Expect is null) yield return "no 'expect': list the expected outcomes, or write [] for \"no outcome\".";
        foreach (var entry in testCase.State?.Ledger ?? [])
            if (entry.Type is { } type && !Enum.TryParse<RuleEngine.Domain.Outcomes.PointsEntryType>(type, ignoreCase: true, out _))
                yield return $"ledger entry '{entry.Key}' has type '{type}'; use earn, spend or expire.";
        foreach (var (expectation, number) in (testCase.Expect ?? []).Select((e, i) => (e, i + 1)))
        {
            var kinds = KindsOf(expectation).ToList();
            if (kinds.Count != 1)
                yield return $"expectation {number} must name exactly one of {string.Join(", ", ExpectationKinds)} (it names {(kinds.Count == 0 ? "none" : string.Join(" and ", kinds))}).";
        }
    }

    internal static IEnumerable<string> KindsOf(TestExpectation e)
    {
        if (e.Segment is not null) yield return "segment";
        if (e.Score is not null) yield return "score";
        if (e.Points is not null) yield return "points";
        if (e.Task is not null) yield return "task";
        if (e.Cancel is not null) yield return "cancel";
        if (e.Tag is not null) yield return "tag";
        if (e.Untag is not null) yield return "untag";
        if (e.Coupon is not null) yield return "coupon";
        if (e.DrawChance is not null) yield return "drawChance";
    }

    /// <summary>The line of the case's name, so a problem with a case points at it.</summary>
    internal static int LineOf(string content, string caseName)
    {
        var index = content.IndexOf(JsonSerializer.Serialize(caseName), StringComparison.Ordinal);
        return index < 0 ? 1 : content.AsSpan(0, index).Count('\n') + 1;
    }

    static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];

    static RuleDiagnostic Error(string path, string message, int line, int column) =>
        RuleDiagnostic.Error(RuleDiagnosticIds.TestFailed, message, path, line, column);

    /// <summary>Every time in a tests file is UTC: "Z" or an offset is converted, a time without either is taken as UTC.</summary>
    internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException("Expected a date-time string.");
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                throw new JsonException($"'{text}' is not a date-time; write e.g. 2026-11-22T08:00:00Z.");
            return value.UtcDateTime;
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
    }
}
