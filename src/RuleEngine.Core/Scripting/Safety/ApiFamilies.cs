namespace RuleEngine.Scripting.Safety;

/// <summary>Names the family of a refused API so that the analyst learns why, not just what.</summary>
static class ApiFamilies
{
    static readonly (string Prefix, string Family)[] Known =
    [
        ("System.IO", "file system access"),
        ("System.Net", "networking"),
        ("System.Diagnostics", "process and diagnostics access"),
        ("System.Reflection", "reflection"),
        ("System.Type", "reflection"),
        ("System.Activator", "reflection"),
        ("System.Linq.Expressions", "runtime code generation"),
        ("System.Linq.Queryable", "runtime code generation"),
        ("System.Linq.ParallelEnumerable", "threading"),
        ("System.Threading", "threading"),
        ("System.Runtime.InteropServices", "native interop"),
        ("System.Runtime.CompilerServices", "compiler and runtime internals"),
        ("System.Runtime", "runtime internals"),
        ("System.Environment", "process environment"),
        ("System.AppContext", "process-wide settings"),
        ("System.AppDomain", "process-wide settings"),
        ("System.GC", "garbage collector control"),
        ("System.Console", "console access"),
        ("System.Security", "security internals"),
        ("System.Delegate", "reflection over delegates"),
        ("System.MulticastDelegate", "reflection over delegates"),
        ("System.Random", "randomness: rules must be deterministic so that dry runs and reruns agree"),
        ("Microsoft", "platform internals"),
        ("RuleEngine", "server internals: rules may only use the script API"),
    ];

    public static string Describe(string qualifiedName) =>
        Known.FirstOrDefault(k => qualifiedName.StartsWith(k.Prefix, StringComparison.Ordinal)).Family
        ?? "outside the allowed API";
}
