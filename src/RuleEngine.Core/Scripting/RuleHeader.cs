using Quartz;
using RuleEngine.Domain;

namespace RuleEngine.Scripting;

/// <summary>
/// A rule's metadata, read from the comment lines at the top of its file without compiling it:
/// <code>
/// // name: membership-tier
/// // kind: segmentation
/// // schedule: 0 0 2 * * ?
/// // timeZone: Asia/Shanghai
/// // description: Tier by rolling 12-month spend.
/// // owner: loyalty-team
/// // trigger: orders, events:complaint
/// </code>
/// </summary>
public sealed record RuleHeader(
    string Name, RuleKind Kind, string? Schedule, string? TimeZone, string? Description, string? Owner)
{
    /// <summary>What makes the rule re-evaluate a customer at once (see <see cref="Triggers.TriggerKinds"/>); empty: schedule and manual runs only.</summary>
    public IReadOnlyList<string> Triggers { get; init; } = [];

    public TimeZoneInfo ScheduleTimeZone =>
        TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Reads <see cref="RuleHeader"/>; every problem becomes a diagnostic on the header line at fault.</summary>
public static class RuleHeaderParser
{
    static readonly HashSet<string> KnownKeys =
        ["name", "kind", "schedule", "timezone", "description", "owner", "trigger"];

    public static (RuleHeader? Header, IReadOnlyList<RuleDiagnostic> Diagnostics) Parse(
        string content, string relativePath)
    {
        var values = new Dictionary<string, (string Value, int Line)>();
        var diagnostics = new List<RuleDiagnostic>();
        foreach (var (line, number) in HeaderLines(content))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue; // an ordinary comment inside the header block
            var key = line[..colon].Trim().ToLowerInvariant();
            if (key.Contains(' ')) continue;
            if (!KnownKeys.Contains(key))
            {
                diagnostics.Add(RuleDiagnostic.Warning(RuleDiagnosticIds.HeaderInvalid,
                    $"Unknown header key '{key}'; known keys are {string.Join(", ", KnownKeys)}.", relativePath, number));
                continue;
            }
            values[key] = (line[(colon + 1)..].Trim(), number);
        }

        var name = values.TryGetValue("name", out var n) && n.Value.Length > 0 ? n.Value : DefaultName(relativePath);
        if (!RuleNames.IsValid(name))
            diagnostics.Add(Error($"Rule name '{name}' is invalid: {RuleNames.Rule}.", relativePath, n.Line));

        RuleKind? kind = null;
        if (!values.TryGetValue("kind", out var k))
            diagnostics.Add(Error("The header has no 'kind'. Add '// kind: segmentation', '// kind: reward' or '// kind: followup'.", relativePath, 1));
        else if (Enum.TryParse<RuleKind>(k.Value, ignoreCase: true, out var parsed) && !int.TryParse(k.Value, out _))
            kind = parsed;
        else
            diagnostics.Add(Error($"Unknown kind '{k.Value}'; use segmentation, reward or followup.", relativePath, k.Line));

        var schedule = Optional(values, "schedule");
        if (schedule is not null && !IsValidCron(schedule, out var cronError))
            diagnostics.Add(Error($"Schedule '{schedule}' is not a valid Quartz cron expression ({cronError}). " +
                "Quartz cron has six or seven fields starting with seconds, e.g. '0 0 2 * * ?' for 02:00 every day.",
                relativePath, values["schedule"].Line));

        var timeZone = Optional(values, "timezone");
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            diagnostics.Add(Error($"Unknown time zone '{timeZone}'; use an IANA id such as 'Asia/Shanghai' or 'UTC'.",
                relativePath, values["timezone"].Line));

        IReadOnlyList<string> triggers = [];
        if (values.TryGetValue("trigger", out var t))
        {
            triggers = Triggers.TriggerKinds.Parse(t.Value, out var triggerError);
            if (triggerError is not null) diagnostics.Add(Error(triggerError, relativePath, t.Line));
        }

        var header = diagnostics.Any(d => d.IsError) || kind is null
            ? null
            : new RuleHeader(name, kind.Value, schedule, timeZone, Optional(values, "description"), Optional(values, "owner")) { Triggers = triggers };
        return (header, diagnostics);
    }

    /// <summary>The rule's name when its header has none: the file name without <c>.csx</c>.</summary>
    public static string DefaultName(string relativePath) => Path.GetFileNameWithoutExtension(relativePath);

    /// <summary>The leading <c>//</c> comment lines (blank lines allowed between them), with 1-based line numbers.</summary>
    static IEnumerable<(string Text, int Number)> HeaderLines(string content)
    {
        using var reader = new StringReader(content);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (!trimmed.StartsWith("//", StringComparison.Ordinal)) yield break;
            yield return (trimmed.TrimStart('/').Trim(), number);
        }
    }

    static string? Optional(Dictionary<string, (string Value, int Line)> values, string key) =>
        values.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;

    static bool IsValidCron(string expression, out string error)
    {
        try
        {
            _ = new CronExpression(expression);
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    static RuleDiagnostic Error(string message, string path, int line) =>
        RuleDiagnostic.Error(RuleDiagnosticIds.HeaderInvalid, message, path, Math.Max(line, 1));
}
