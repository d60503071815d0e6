using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Scripting;

/// <summary>
/// Compiled rules on disk, so that a restart loads rules without recompiling. The key covers everything the
/// bytes depend on: the sources (rule file and every #load-ed file), the Roslyn version, the script API version
/// and the build of RuleEngine.Core the rule links against. Files are written to a temp name and renamed, so a
/// crash never leaves a half-written entry.
/// </summary>
public sealed class CompileCache(string folder)
{
    static readonly string Environment = string.Join("|",
        typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        ScriptApi.Version,
        typeof(CompileCache).Assembly.ManifestModule.ModuleVersionId);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Key(RuleSources sources) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sources.Hash}|{Environment}")));

    public (CompiledAssembly Assembly, IReadOnlyList<RuleDiagnostic> Warnings)? TryGet(RuleSources sources)
    {
        var key = Key(sources);
        var (dll, pdb, json) = (PathOf(key, "dll"), PathOf(key, "pdb"), PathOf(key, "json"));
        if (!File.Exists(dll) || !File.Exists(pdb) || !File.Exists(json)) return null;
        try
        {
            var warnings = JsonSerializer.Deserialize<List<RuleDiagnostic>>(File.ReadAllText(json), Json) ?? [];
            return (new CompiledAssembly(File.ReadAllBytes(dll), File.ReadAllBytes(pdb)), warnings);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // a damaged entry is simply compiled again
        }
    }

    public void Put(RuleSources sources, CompiledAssembly assembly, IReadOnlyList<RuleDiagnostic> warnings)
    {
        Directory.CreateDirectory(folder);
        var key = Key(sources);
        // The json marks the entry complete, so it is written last.
        WriteAtomically(PathOf(key, "dll"), assembly.Image);
        WriteAtomically(PathOf(key, "pdb"), assembly.Pdb);
        WriteAtomically(PathOf(key, "json"), JsonSerializer.SerializeToUtf8Bytes(warnings, Json));
    }

    string PathOf(string key, string extension) => Path.Combine(folder, $"{key}.{extension}");

    static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
