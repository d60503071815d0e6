using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace RuleEngine.Console.Model;

/// <summary>
/// Where the console reaches the server's own REST API: the address Kestrel listens on, on loopback. Never the
/// browser's Host header (a client could name any host there and make the server call it with a user's key).
/// <c>RuleEngine:Console:ApiBaseAddress</c> overrides it (behind a proxy that only forwards one port, or in tests).
/// </summary>
public sealed class ServerSelfAddress(IServer server, IConfiguration configuration)
{
    public const string SettingKey = "RuleEngine:Console:ApiBaseAddress";

    private Uri? resolved;

    public Uri BaseAddress => resolved ??= Resolve();

    private Uri Resolve()
    {
        if (configuration[SettingKey] is { Length: > 0 } configured) return new Uri(configured, UriKind.Absolute);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return Choose(addresses) ?? throw new InvalidOperationException(
            $"The console cannot tell which address this server listens on; set {SettingKey} (e.g. http://127.0.0.1:5000).");
    }

    /// <summary>Plain HTTP before HTTPS (no certificate to trust on loopback); wildcard hosts become the loopback address.</summary>
    public static Uri? Choose(IEnumerable<string> addresses)
    {
        var candidates = addresses
            .Select(a => a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://[::1]", StringComparison.Ordinal))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList();
        var chosen = candidates.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp && u.IsLoopback)
                     ?? candidates.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp)
                     ?? candidates.FirstOrDefault();
        if (chosen is null) return null;
        // A listener on a public interface also answers on loopback; calling ourselves should not leave the machine.
        var host = chosen.IsLoopback ? chosen.Host : "127.0.0.1";
        return new UriBuilder(chosen.Scheme, host, chosen.Port).Uri;
    }
}
