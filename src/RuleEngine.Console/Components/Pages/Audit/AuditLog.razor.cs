using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages.Audit;

/// <summary>
/// The auditors' page: the hash-chained log with filters, "Verify chain" (entries checked, or the first bad entry
/// named and highlighted), and the head to copy as an anchor. Exports stay REST calls (the key never goes into a link).
/// </summary>
public partial class AuditLog
{
    [Inject] private RuleEngineApi Api { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private List<AuditRow>? entries;
    private string? nextCursor, problem;
    private string type = "", rule = "", actor = "";
    private AuditCheck? check;
    private AuditHeadView? head;
    private bool verifying;

    protected override async Task OnInitializedAsync()
    {
        head = (await Api.AuditHeadAsync()).Value;
        await SearchAsync();
    }

    private async Task SearchAsync()
    {
        var answer = await Api.AuditAsync(type, rule, actor, null);
        entries = answer.Value?.Items ?? [];
        nextCursor = answer.Value?.NextCursor;
        problem = answer.Problem?.ToString();
    }

    private async Task MoreAsync()
    {
        var answer = await Api.AuditAsync(type, rule, actor, nextCursor);
        entries!.AddRange(answer.Value?.Items ?? []);
        nextCursor = answer.Value?.NextCursor;
        problem = answer.Problem?.ToString();
    }

    /// <summary>Fetched here with the user's key, handed to the browser as a file (the key never goes into a link).</summary>
    private async Task ExportAsync(string mediaType, string extension)
    {
        var answer = await Api.AuditExportAsync(mediaType, type, rule, actor);
        if (answer.Value is not { } text)
        {
            problem = answer.Problem?.ToString();
            return;
        }
        await using var module = await Js.InvokeAsync<IJSObjectReference>("import", "./_content/RuleEngine.Console/download.js");
        await module.InvokeVoidAsync("save", $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}", mediaType, text);
    }

    private async Task VerifyAsync()
    {
        verifying = true;
        var answer = await Api.VerifyAuditAsync();
        check = answer.Value;
        problem = answer.Problem?.ToString();
        head = check?.Head ?? head;
        verifying = false;
    }
}
