using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages;

/// <summary>"What can a rule use?" — the script API reference, from <c>GET /api/rules/script-api</c> (the XML docs hover shows).</summary>
public partial class ScriptApiReference
{
    [Inject] private RuleEngineApi Api { get; set; } = default!;

    private IReadOnlyList<ScriptApiMember>? members;
    private string? problem;
    private string filter = "";

    private IEnumerable<ScriptApiMember> Shown => (members ?? []).Where(m =>
        filter.Length == 0
        || m.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || (m.Documentation?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false));

    protected override async Task OnInitializedAsync()
    {
        var answer = await Api.ScriptApiAsync();
        members = answer.Value;
        problem = answer.Problem?.ToString();
    }
}
