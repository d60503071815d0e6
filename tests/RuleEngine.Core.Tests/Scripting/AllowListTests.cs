using RuleEngine.Scripting;

namespace RuleEngine.Tests.Scripting;

/// <summary>One fixture per banned API family or bypass; each is refused on its line with the symbol named.</summary>
public class AllowListTests
{
    [Theory]
    [InlineData("banned/io.csx", 2, "System.IO.File", "file system")]
    [InlineData("banned/process.csx", 2, "System.Diagnostics.Process", "process")]
    [InlineData("banned/reflection.csx", 2, "System.Type", "reflection")]
    [InlineData("banned/gettype.csx", 2, "GetType", "reflection")]
    [InlineData("banned/type-gettype.csx", 2, "System.Type", "reflection")]
    [InlineData("banned/environment.csx", 2, "System.Environment", "environment")]
    [InlineData("banned/network.csx", 2, "System.Net.Http.HttpClient", "networking")]
    [InlineData("banned/threading.csx", 2, "System.Threading.Thread", "threading")]
    [InlineData("banned/tasks.csx", 2, "System.Threading.Tasks.Task", "threading")]
    [InlineData("banned/dllimport.csx", 2, "DllImport", "interop")]
    [InlineData("banned/dynamic.csx", 2, "dynamic", "late binding")]
    [InlineData("banned/expression-compile.csx", 2, "System.Linq.Expressions.Expression", "code generation")]
    [InlineData("banned/appcontext.csx", 2, "System.AppContext", "process-wide")]
    [InlineData("banned/gc.csx", 2, "System.GC", "garbage collector")]
    [InlineData("banned/unsafe-as.csx", 3, "System.Runtime.CompilerServices.Unsafe", "runtime internals")]
    [InlineData("banned/activator.csx", 2, "System.Activator", "reflection")]
    [InlineData("banned/clock.csx", 2, "System.DateTime.Now", "run's clock")]
    [InlineData("banned/regex-no-timeout.csx", 2, "Regex.IsMatch", "matchTimeout")]
    [InlineData("banned/delegate-method.csx", 3, "System.Delegate", "delegates")]
    [InlineData("banned/generic-argument.csx", 2, "System.IO.FileInfo", "file system")]
    [InlineData("banned/attribute.csx", 2, "ModuleInitializer", "compiler")]
    [InlineData("banned/goto.csx", 2, "goto", "loop")]
    [InlineData("banned/stackalloc.csx", 2, "stackalloc", "stack")]
    [InlineData("banned/finalizer.csx", 2, "finalizer", "finalizer thread")]
    [InlineData("banned/random.csx", 2, "System.Random", "deterministic")]
    public void Banned_api_is_refused_with_the_symbol_and_line(string fixture, int line, string symbol, string reason)
    {
        var result = ScriptFixtures.Compile(fixture);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Path == fixture && d.Line == line
            && d.Message.Contains(symbol, StringComparison.Ordinal) && d.Message.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Unsafe_code_is_refused()
    {
        var result = ScriptFixtures.Compile("banned/unsafe.csx");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Line == 2);
    }

    [Fact]
    public void Allowed_apis_compile()
    {
        var result = ScriptFixtures.CompileText("""
            // kind: segmentation
            var spend = Orders.Where(o => o.Amount > 0).Sum(o => o.Amount);
            var byMonth = Orders.GroupBy(o => o.At.Month).ToDictionary(g => g.Key, g => g.Count());
            var set = new HashSet<string> { "a" };
            var sb = new StringBuilder().Append(Math.Round(spend, 2).ToString(CultureInfo.InvariantCulture));
            var ok = Regex.IsMatch("abc", "a+", RegexOptions.None, TimeSpan.FromMilliseconds(100));
            var (a, b) = (1, "x");
            var anon = new { Spend = spend, When = DateOnly.FromDateTime(Now), Span = TimeSpan.FromDays(1) };
            var text = $"{anon.Spend:N0} {sb} {ok} {a}{b} {set.Count} {byMonth.Count}";
            SetSegment("x", text, "test");
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }
}
