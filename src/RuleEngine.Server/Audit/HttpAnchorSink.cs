using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Audit.Anchoring;

namespace RuleEngine.Server.Audit;

/// <summary>
/// POSTs each anchor as JSON (<c>{ sequence, hash, at, anchoredAt }</c>) to <c>RuleEngine:Audit:AnchorUrl</c> when
/// it is set: a receiver the server's host cannot write (a ticket system, a log collector) keeps it. A failed POST
/// (network, non-2xx) is retried at the next interval.
/// </summary>
public sealed class HttpAnchorSink(IHttpClientFactory clients, IOptions<AuditAnchorOptions> options) : IAuditAnchorSink
{
    public const string ClientName = "audit-anchor";

    public string Name => "url";

    public async Task WriteAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        if (options.Value.AnchorUrl is not { } url) return;
        using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(url, anchor, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
