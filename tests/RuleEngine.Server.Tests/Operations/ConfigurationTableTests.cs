using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Operations;

/// <summary>
/// docs/operations.md's configuration table names every setting the server reads: every settable property of every
/// options class the server binds from configuration under <c>RuleEngine</c> (found in the server's own service
/// registrations, so a new options class is found too), and no <c>RuleEngine:</c> key that nothing reads.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Options bound to the <c>RuleEngine</c> section itself, which have no <c>Section</c> constant of their own.</summary>
    static readonly Dictionary<string, string> SectionsWithoutConstant = new() { ["ApiKeyOptions"] = "RuleEngine" };

    sealed class CapturingFactory : RuleEngineAppFactory
    {
        public IServiceCollection? Services2 { get; private set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => Services2 = services);
        }
    }

    static IReadOnlyList<Type> BoundOptionTypes()
    {
        using var factory = new CapturingFactory();
        using var _ = factory.CreateClient(null);
        // Configure<T>(section), Bind(section) and BindConfiguration all register a change-token source for T.
        return factory.Services2!.Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(t => t.GetGenericArguments()[0])
            // The framework's own options (logging filters, host filtering) are ASP.NET Core's to document.
            .Where(t => t.Namespace?.StartsWith("RuleEngine", StringComparison.Ordinal) == true)
            .Distinct().ToList();
    }

    static string SectionOf(Type options) =>
        options.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? SectionsWithoutConstant.GetValueOrDefault(options.Name)
        ?? throw new Xunit.Sdk.XunitException($"{options.FullName} is bound from configuration but has no 'public const string Section'; add one (or list it in {nameof(SectionsWithoutConstant)}).");

    /// <summary>The configuration keys a type's settable properties make: lists of objects as <c>List:N:Property</c>.</summary>
    static IEnumerable<string> KeysOf(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}:{property.Name}";
            var element = property.PropertyType.IsGenericType && typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(string)
                ? property.PropertyType.GetGenericArguments()[^1] : null;
            if (element is { IsClass: true } && element != typeof(string)) foreach (var inner in KeysOf(element, $"{key}:N")) yield return inner;
            else yield return key;
        }
    }

    /// <summary>The keys in the table's first column; "`A:B`, `:C`" names A:B and A:C.</summary>
    static HashSet<string> DocumentedKeys()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "operations.md"));
        var table = docs[docs.IndexOf("| key | default | meaning |", StringComparison.Ordinal)..];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in table.Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            string? last = null;
            foreach (Match code in CodeSpan().Matches(line.Split('|')[1]))
            {
                var text = code.Groups[1].Value;
                last = text.StartsWith(':') && last is not null ? last[..last.LastIndexOf(':')] + text : text;
                keys.Add(last);
            }
        }
        return keys;
    }

    [Fact]
    public void Every_option_bound_under_RuleEngine_is_in_the_configuration_table()
    {
        var documented = DocumentedKeys();
        var bound = BoundOptionTypes().Select(t => (Type: t, Section: SectionOf(t))).Where(o => o.Section.StartsWith("RuleEngine", StringComparison.Ordinal)).ToList();
        var read = bound.SelectMany(o => KeysOf(o.Type, o.Section)).ToHashSet();

        Assert.Contains(bound, o => o.Type == typeof(RuleEngineOptions));
        Assert.Contains("RuleEngine:SeedDemoData", read);
        var missing = read.Where(k => !documented.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, $"docs/operations.md's configuration table lacks: {string.Join(", ", missing)}");
        var stale = documented.Where(k => k.StartsWith("RuleEngine:", StringComparison.Ordinal) && !read.Contains(k)).Order().ToList();
        Assert.True(stale.Count == 0, $"docs/operations.md's configuration table names keys nothing reads: {string.Join(", ", stale)}");
    }

    static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
