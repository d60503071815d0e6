// expect RE0010 line 3: RuleEngine.Scripting.Runtime.RuleAbortedException
// kind: segmentation
try { } catch (RuleEngine.Scripting.Runtime.RuleAbortedException) { }
