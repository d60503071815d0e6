using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Layout;

/// <summary>
/// The shell: top bar (who is signed in, sign-out), navigation for the signed-in role, and the page, or the sign-in
/// form when nobody is signed in in this tab (the URL stays, so a link to a rule opens it after signing in).
/// </summary>
public partial class MainLayout : IDisposable
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private bool ready;

    protected override void OnInitialized() => Session.Changed += OnSessionChanged;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        await Session.RestoreAsync();
        ready = true;
        StateHasChanged();
    }

    private Task SignOutAsync() => Session.SignOutAsync();

    private void OnSessionChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Session.Changed -= OnSessionChanged;
}
