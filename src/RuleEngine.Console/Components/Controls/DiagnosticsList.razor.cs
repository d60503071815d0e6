using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>The compiler's and the safety check's findings as a list (errors first), with file, line and column.</summary>
public partial class DiagnosticsList
{
    [Parameter] public IReadOnlyList<Diagnostic> Diagnostics { get; set; } = [];

    private IEnumerable<Diagnostic> Ordered => Diagnostics.OrderBy(d => d.IsError ? 0 : 1).ThenBy(d => d.Path).ThenBy(d => d.Line);
}
