using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using System.Security.Cryptography;

namespace RuleEngine.Console.Model;

/// <summary>
/// Who is signed in to this browser tab: the API key, its name and role. Scoped to the circuit, so the key lives in
/// the server's memory for this tab only; a copy goes to the tab's sessionStorage encrypted by ASP.NET Core data
/// protection (<see cref="ProtectedSessionStorage"/>), so a reload keeps the sign-in but a new tab, localStorage,
/// cookies and URLs never see the key.
/// </summary>
public sealed class ConsoleSession(ProtectedSessionStorage storage)
{
    private const string StorageKey = "ruleengine.session";

    public string? ApiKey { get; private set; }
    public string? Name { get; private set; }
    public string? Role { get; private set; }
    public bool IsSignedIn => ApiKey is not null;
    public RolePermissions Can => RolePermissions.For(Role);

    /// <summary>Raised when the user signs in or out, so the layout redraws its navigation.</summary>
    public event Action? Changed;

    private bool restored;

    /// <summary>Brings back this tab's sign-in after a reload (interactive rendering only: storage is the browser's).</summary>
    public async Task RestoreAsync()
    {
        if (restored) return;
        restored = true;
        try
        {
            var saved = await storage.GetAsync<SavedSession>(StorageKey);
            if (saved.Success && saved.Value is { } s) Set(s.ApiKey, s.Name, s.Role, notify: true);
        }
        catch (CryptographicException)
        {
            // Encrypted with keys this server no longer has (it restarted without persisted keys): sign in again.
            await storage.DeleteAsync(StorageKey);
        }
    }

    public async Task SignInAsync(string apiKey, string name, string role)
    {
        Set(apiKey, name, role, notify: true);
        await storage.SetAsync(StorageKey, new SavedSession(apiKey, name, role));
    }

    public async Task SignOutAsync()
    {
        Set(null, null, null, notify: true);
        await storage.DeleteAsync(StorageKey);
    }

    private void Set(string? apiKey, string? name, string? role, bool notify)
    {
        ApiKey = apiKey;
        Name = name;
        Role = role;
        if (notify) Changed?.Invoke();
    }

    private sealed record SavedSession(string ApiKey, string Name, string Role);
}
