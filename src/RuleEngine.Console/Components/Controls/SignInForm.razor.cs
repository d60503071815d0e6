using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>Signs in with an API key: the server says whose key it is (<c>GET /api/me</c>) or refuses it.</summary>
public partial class SignInForm
{
    [Inject] private RuleEngineApi Api { get; set; } = default!;
    [Inject] private ConsoleSession Session { get; set; } = default!;

    public string? Key { get; set; }

    private string? error;
    private bool busy;

    private async Task SignInAsync()
    {
        error = null;
        var key = Key?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            error = "Enter an API key.";
            return;
        }
        busy = true;
        var me = await Api.WhoAmIAsync(key);
        busy = false;
        if (me.Value is { } who)
        {
            Key = null;
            await Session.SignInAsync(key, who.Name, who.Role);
        }
        else
        {
            error = me.Status == 401 ? "This key is not known to the server." : me.Problem?.ToString();
        }
    }
}
