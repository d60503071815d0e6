namespace RuleEngine;

/// <summary>The <c>RuleEngine</c> configuration section (see docs/operations.md).</summary>
public sealed class RuleEngineOptions
{
    public const string Section = "RuleEngine";

    /// <summary>The rules folder; relative paths are resolved against the working directory.</summary>
    public string RulesPath { get; set; } = "rules";

    /// <summary>Folder of the LiteDB file, the compile cache and the logs.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Fill an empty database with the deterministic demo data set at start-up.</summary>
    public bool SeedDemoData { get; set; }

    public string FullRulesPath => Path.GetFullPath(RulesPath);
    public string FullDataPath => Path.GetFullPath(DataPath);
}
