using RuleEngine.Domain;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Tests.Scripting;

/// <summary>Compiles and runs the fixture scripts in Scripting/Fixtures (one per failure mode).</summary>
static class ScriptFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Scripting", "Fixtures");

    static readonly RuleCompiler Compiler = new();

    public static RuleCompilation Compile(string relativePath)
    {
        var (sources, diagnostics) = new RuleSourceReader(Folder).Read(relativePath);
        return Compiler.Compile(sources, diagnostics);
    }

    public static RuleCompilation CompileText(string text, string path = "inline.csx") =>
        Compiler.Compile(RuleSources.FromText(path, text));

    public static (RuleRuntimeError? Error, RuleContext Context) Run(
        RuleCompilation compilation, RuleContext? context = null, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Diagnostics));
        var loaded = LoadedRule.Load("fixture", compilation.Sources.Hash, compilation.Assembly!,
            () => Compiler.CompileDiagnosticTwin(compilation.Sources));
        context ??= Some.Context();
        var error = RuleEvaluator.Evaluate(loaded, loaded.CreateInstance(), context, cancellation, timeout);
        return (error, context);
    }
}

/// <summary>Builders for customers, orders and events with sensible defaults.</summary>
static class Some
{
    public static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    public static Customer Customer(string id = "C-1", DateOnly? birthday = null) =>
        new() { Id = id, JoinedAt = Now.AddYears(-2), Birthday = birthday };

    public static Order Order(decimal amount, int daysAgo, string? id = null, OrderStatus status = OrderStatus.Paid) =>
        new() { Id = id ?? $"O-{Guid.NewGuid():N}", CustomerId = "C-1", Amount = amount, At = Now.AddDays(-daysAgo), Status = status };

    public static InteractionEvent Event(string type, int daysAgo, params (string Key, string Value)[] properties) =>
        new()
        {
            Id = $"E-{Guid.NewGuid():N}", CustomerId = "C-1", Type = type, At = Now.AddDays(-daysAgo),
            Properties = properties.ToDictionary(p => p.Key, p => p.Value),
        };

    public static RuleContext Context(IEnumerable<Order>? orders = null, IEnumerable<InteractionEvent>? events = null, Customer? customer = null) =>
        new()
        {
            Customer = customer ?? Customer(),
            Orders = (orders ?? []).OrderBy(o => o.At).ToList(),
            Events = (events ?? []).OrderBy(e => e.At).ToList(),
            Now = Now,
        };
}
