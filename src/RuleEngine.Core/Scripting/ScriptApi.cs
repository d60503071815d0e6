namespace RuleEngine.Scripting;

/// <summary>Version of the contract between rule scripts and the server.</summary>
public static class ScriptApi
{
    /// <summary>
    /// Bump whenever <see cref="Api.RuleScript"/>, the code generator, the guards or the allow-list change in a way
    /// that affects compiled rules: it is part of the compile cache key.
    /// </summary>
    public const string Version = "5";
}
