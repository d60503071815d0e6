namespace RuleEngine.Scripting.Loading;

/// <summary>The emitted bytes of one rule version: the assembly and its portable PDB (for script line numbers in stack traces).</summary>
public sealed record CompiledAssembly(byte[] Image, byte[] Pdb);
