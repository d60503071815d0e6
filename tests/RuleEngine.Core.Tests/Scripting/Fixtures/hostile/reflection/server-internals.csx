// expect RE0010 line 3: RuleEngine.Scripting.Runtime.ScriptGuard
// kind: segmentation
using var scope = RuleEngine.Scripting.Runtime.ScriptGuard.Begin(default);
