using Microsoft.CodeAnalysis;

namespace RuleEngine.Scripting.Safety;

/// <summary>
/// What rule code may touch. An allow-list, not a deny-list: anything not named here is refused,
/// so a new .NET API is never reachable by accident. Widen it deliberately, with a test.
/// </summary>
static class AllowList
{
    /// <summary>Namespaces whose every type is allowed (the script API and plain data).</summary>
    static readonly HashSet<string> Namespaces =
    [
        "RuleEngine.Scripting.Api",
        "RuleEngine.Domain",
        "RuleEngine.Domain.Outcomes",
        "System.Collections.Generic",
    ];

    /// <summary>Individual types by metadata name (namespace + name + `arity).</summary>
    static readonly HashSet<string> Types =
    [
        // Primitives and value types
        "System.Object", "System.String", "System.Char", "System.Boolean", "System.Byte", "System.SByte",
        "System.Int16", "System.UInt16", "System.Int32", "System.UInt32", "System.Int64", "System.UInt64",
        "System.Int128", "System.UInt128", "System.Single", "System.Double", "System.Decimal", "System.Half",
        "System.Void", "System.Nullable`1", "System.Guid", "System.Index", "System.Range", "System.HashCode",
        "System.Span`1", "System.ReadOnlySpan`1", "System.MemoryExtensions", "System.Enum", "System.Array",
        // Dates and times
        "System.DateTime", "System.DateTimeOffset", "System.DateTimeKind", "System.TimeSpan", "System.DateOnly",
        "System.TimeOnly", "System.DayOfWeek", "System.TimeZoneInfo",
        // Maths, text, conversion
        "System.Math", "System.MathF", "System.MidpointRounding", "System.Convert", "System.StringComparison",
        "System.StringComparer", "System.StringSplitOptions", "System.FormattableString", "System.IFormattable",
        "System.IFormatProvider", "System.IComparable", "System.IComparable`1", "System.IEquatable`1", "System.IDisposable",
        "System.Text.StringBuilder", "System.Text.NormalizationForm",
        "System.Globalization.CultureInfo", "System.Globalization.NumberStyles", "System.Globalization.DateTimeStyles",
        "System.Globalization.ISOWeek", "System.Globalization.CompareOptions",
        "System.Text.RegularExpressions.Regex", "System.Text.RegularExpressions.RegexOptions",
        "System.Text.RegularExpressions.Match", "System.Text.RegularExpressions.MatchCollection",
        "System.Text.RegularExpressions.Group", "System.Text.RegularExpressions.GroupCollection",
        "System.Text.RegularExpressions.Capture", "System.Text.RegularExpressions.CaptureCollection",
        "System.Text.RegularExpressions.RegexMatchTimeoutException",
        // Collections and LINQ to objects (not Queryable/Expressions, not PLINQ)
        "System.Collections.IEnumerable", "System.Collections.IEnumerator",
        "System.Linq.Enumerable", "System.Linq.IGrouping`2", "System.Linq.ILookup`2", "System.Linq.Lookup`2",
        "System.Linq.IOrderedEnumerable`1",
        // Delegates rules can write lambdas against
        "System.Predicate`1", "System.Comparison`1", "System.Converter`2",
        // Exceptions a rule may throw or catch
        "System.Exception", "System.ArgumentException", "System.ArgumentNullException", "System.ArgumentOutOfRangeException",
        "System.InvalidOperationException", "System.FormatException", "System.OverflowException",
        "System.DivideByZeroException", "System.NotSupportedException", "System.NotImplementedException",
        "System.IndexOutOfRangeException", "System.ArithmeticException",
    ];

    /// <summary>Generic families allowed at any arity.</summary>
    static readonly string[] TypeFamilies = ["System.Func`", "System.Action`", "System.ValueTuple`", "System.Tuple`"];

    /// <summary>Members of allowed types that are still refused, with the reason an analyst reads.</summary>
    static readonly Dictionary<string, string> DeniedMembers = new()
    {
        ["System.Object.GetType"] = "reflection",
        ["System.Object.MemberwiseClone"] = "reflection",
        ["System.DateTime.Now"] = "reads the machine clock: use Now, the run's clock, so that as-of runs and dry runs agree",
        ["System.DateTime.UtcNow"] = "reads the machine clock: use Now, the run's clock, so that as-of runs and dry runs agree",
        ["System.DateTime.Today"] = "reads the machine clock: use Today, the run's date",
        ["System.DateTimeOffset.Now"] = "reads the machine clock: use Now, the run's clock",
        ["System.DateTimeOffset.UtcNow"] = "reads the machine clock: use Now, the run's clock",
        ["System.TimeZoneInfo.Local"] = "depends on the server's time zone: name the zone you mean",
        ["System.TimeZoneInfo.ClearCachedData"] = "changes process-wide state",
        ["System.Guid.NewGuid"] = "is random: outcomes need deterministic keys so that reruns apply nothing twice",
        ["System.Guid.CreateVersion7"] = "is random and reads the machine clock: outcomes need deterministic keys so that reruns apply nothing twice",
        ["System.DateTime.ToLocalTime"] = "depends on the server's time zone: use TimeZoneInfo.ConvertTimeFromUtc with a named zone",
        ["System.DateTimeOffset.ToLocalTime"] = "depends on the server's time zone: use TimeZoneInfo.ConvertTime with a named zone",
        ["System.Text.RegularExpressions.Regex.InfiniteMatchTimeout"] = "would let a pathological pattern pin a CPU: give a match timeout of at most 1 second",
        ["System.Globalization.CultureInfo.CurrentCulture"] = "changes or depends on thread-wide state: use CultureInfo.InvariantCulture or a named culture",
        ["System.Globalization.CultureInfo.CurrentUICulture"] = "changes or depends on thread-wide state",
        ["System.Globalization.CultureInfo.DefaultThreadCurrentCulture"] = "changes process-wide state",
        ["System.Globalization.CultureInfo.DefaultThreadCurrentUICulture"] = "changes process-wide state",
        ["System.Text.RegularExpressions.Regex.CacheSize"] = "changes process-wide state",
    };

    public static bool IsNamespaceAllowed(string ns) => Namespaces.Contains(ns);

    /// <summary>Namespaces that hold something allowed, themselves or below (System, System.Text, RuleEngine...).</summary>
    static readonly HashSet<string> Leading = Namespaces
        .Concat(Types.Select(t => t[..Math.Max(0, t.LastIndexOf('.'))]))
        .Concat(TypeFamilies.Select(t => t[..t.LastIndexOf('.')]))
        .SelectMany(Prefixes).ToHashSet(StringComparer.Ordinal);

    static IEnumerable<string> Prefixes(string ns)
    {
        for (var end = ns.Length; end > 0; end = ns.LastIndexOf('.', end - 1))
            yield return ns[..end];
    }

    /// <summary>True when the namespace, or one inside it, holds allowed types: the editor may offer it.</summary>
    public static bool LeadsToAllowed(string ns) => Leading.Contains(ns);

    public static bool IsTypeNameAllowed(string metadataName) =>
        Types.Contains(metadataName) || TypeFamilies.Any(f => metadataName.StartsWith(f, StringComparison.Ordinal));

    public static string? DeniedMemberReason(ISymbol member) =>
        DeniedMembers.TryGetValue($"{MetadataName(member.ContainingType)}.{member.Name}", out var reason) ? reason : null;

    /// <summary>Regex must be given a match timeout: a pathological pattern must not pin a CPU.</summary>
    public static bool IsRegexWithoutTimeout(ISymbol member) =>
        member is IMethodSymbol method
        && MetadataName(method.ContainingType) == "System.Text.RegularExpressions.Regex"
        && (method.IsStatic || method.MethodKind == MethodKind.Constructor)
        && method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String)
        && !method.Parameters.Any(p => p.Name == "matchTimeout");

    /// <summary>The longest match timeout a rule may give: the guards cannot interrupt a match in progress.</summary>
    public static readonly TimeSpan MaxRegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The matchTimeout parameter of a Regex member, if it has one.</summary>
    public static IParameterSymbol? RegexTimeoutParameter(ISymbol member) =>
        member is IMethodSymbol method && MetadataName(method.ContainingType) == "System.Text.RegularExpressions.Regex"
            ? method.Parameters.FirstOrDefault(p => p.Name == "matchTimeout")
            : null;

    public static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        return ns + type.MetadataName;
    }
}
