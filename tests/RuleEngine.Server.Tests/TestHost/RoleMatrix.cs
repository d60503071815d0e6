namespace RuleEngine.Server.Tests.TestHost;

/// <summary>
/// Who may call what: one row per endpoint, checked by Security/RoleMatrixTests (401 without or with an
/// unknown key, 403 for every other role, neither for the allowed ones). Add a row with every endpoint
/// you map; a test fails for any mapped endpoint without one. Roles are spelled out here on purpose,
/// independently of the server's policy table, so that a wrong policy is caught.
/// </summary>
public static class RoleMatrix
{
    /// <summary>Marks an endpoint that answers without a key.</summary>
    public static readonly IReadOnlyList<string>? Anonymous = null;

    public static readonly IReadOnlyList<string> Everyone = ["admin", "analyst", "ops", "auditor"];

    public static readonly IReadOnlyList<EndpointAccess> Endpoints =
    [
        // Operations
        new("GET", "/health", Anonymous),
        new("GET", "/health/ready", Anonymous),
        new("GET", "/metrics", ["ops", "admin"]),
        new("GET", "/api/cluster", Everyone),
        new("GET", "/swagger/v1/swagger.json", Anonymous, Mapped: false),
        new("GET", "/swagger/index.html", Anonymous, Mapped: false),
        // Security
        new("GET", "/api/me", Everyone),
        // Rules
        new("GET", "/api/rules", Everyone),
        new("GET", "/api/rules/{name}", Everyone, Path: "/api/rules/none"),
        new("GET", "/api/rules/{name}/versions", Everyone, Path: "/api/rules/none/versions"),
        new("GET", "/api/rules/{name}/versions/{hash}", Everyone, Path: "/api/rules/none/versions/abc"),
        new("POST", "/api/rules/validate", ["analyst", "admin"], Body: "// kind: reward\n", ContentType: "text/plain"),
        new("PUT", "/api/rules/{name}", ["analyst", "admin"], Path: "/api/rules/role-matrix", Body: "// kind: reward\n", ContentType: "text/plain"),
        new("POST", "/api/rules/{name}/rollback", ["analyst", "admin"], Path: "/api/rules/none/rollback", Body: "{\"versionHash\":\"x\"}"),
        new("GET", "/api/rules/{name}/tests", Everyone, Path: "/api/rules/none/tests"),
        new("PUT", "/api/rules/{name}/tests", ["analyst", "admin"], Path: "/api/rules/none/tests", Body: "{\"cases\":[]}"),
        // Preview
        new("POST", "/api/rules/{name}/preview", ["analyst", "admin"], Path: "/api/rules/none/preview", Body: "{\"text\":\"// kind: reward\\n\"}"),
        new("POST", "/api/rules/{name}/tests/capture", ["analyst", "admin"], Path: "/api/rules/none/tests/capture", Body: "{\"runId\":\"x\",\"customerId\":\"y\"}"),
        // Editing
        new("POST", "/api/rules/diagnostics", ["analyst", "admin"], Body: "{\"text\":\"// kind: reward\\n\"}"),
        new("POST", "/api/rules/completions", ["analyst", "admin"], Body: "{\"text\":\"// kind: reward\\n\",\"position\":0}"),
        new("POST", "/api/rules/hover", ["analyst", "admin"], Body: "{\"text\":\"// kind: reward\\n\",\"position\":0}"),
        new("POST", "/api/rules/{name}/tests", ["analyst", "admin"], Path: "/api/rules/none/tests", Body: "{}"),
        new("GET", "/api/rules/{name}/diff", Everyone, Path: "/api/rules/none/diff"),
        new("GET", "/api/rules/script-api", Everyone),
        // Runs
        new("POST", "/api/rules/{name}/runs", ["analyst", "ops", "admin"], Path: "/api/rules/none/runs", Body: "{\"dryRun\":true}"),
        new("GET", "/api/runs", Everyone),
        // Triggers
        new("GET", "/api/triggers", Everyone),
        new("GET", "/api/runs/{id}", Everyone, Path: "/api/runs/none"),
        new("GET", "/api/runs/{id}/logs", Everyone, Path: "/api/runs/none/logs"),
        new("GET", "/api/runs/{id}/events", Everyone, Path: "/api/runs/none/events"),
        new("GET", "/api/runs/{id}/outcomes", Everyone, Path: "/api/runs/none/outcomes"),
        new("POST", "/api/runs/{id}/cancel", ["analyst", "ops", "admin"], Path: "/api/runs/none/cancel"),
        new("POST", "/api/runs/{id}/rerun", ["ops", "admin"], Path: "/api/runs/none/rerun"),
        // Data
        new("POST", "/api/customers", ["ops", "admin"], Body: "[]"),
        new("POST", "/api/orders", ["ops", "admin"], Body: "[]"),
        new("POST", "/api/events", ["ops", "admin"], Body: "[]"),
        new("GET", "/api/customers", Everyone),
        new("GET", "/api/customers/{id}", Everyone, Path: "/api/customers/none"),
        new("GET", "/api/customers/{id}/history", Everyone, Path: "/api/customers/none/history"),
        new("GET", "/api/customers/{id}/points", Everyone, Path: "/api/customers/none/points"),
        new("GET", "/api/segments", Everyone),
        new("GET", "/api/segments/{kind}/trend", Everyone, Path: "/api/segments/tier/trend"),
        new("GET", "/api/points/trend", Everyone),
        new("GET", "/api/segments/{kind}/{value}/members", Everyone, Path: "/api/segments/tier/gold/members"),
        new("GET", "/api/followups", Everyone),
        new("PATCH", "/api/followups/{id}", ["ops", "admin"], Path: "/api/followups/none", Body: "{\"status\":\"done\"}"),
        // Benefits
        new("GET", "/api/catalog", Everyone),
        new("GET", "/api/catalog/versions", Everyone),
        new("PUT", "/api/catalog", ["analyst", "admin"], Body: "{", ContentType: "text/plain"),
        new("POST", "/api/catalog/validate", ["analyst", "admin"], Body: "{}", ContentType: "text/plain"),
        new("GET", "/api/customers/{id}/benefits", Everyone, Path: "/api/customers/none/benefits"),
        new("GET", "/api/customers/{id}/redemptions", Everyone, Path: "/api/customers/none/redemptions"),
        new("GET", "/api/customers/{id}/draws", Everyone, Path: "/api/customers/none/draws"),
        new("POST", "/api/customers/{id}/redemptions", ["ops", "admin"], Path: "/api/customers/none/redemptions", Body: "{\"itemId\":\"x\",\"idempotencyKey\":\"k\"}"),
        new("POST", "/api/customers/{id}/draws", ["ops", "admin"], Path: "/api/customers/none/draws", Body: "{\"campaign\":\"x\",\"idempotencyKey\":\"k\"}"),
        // Audit
        new("GET", "/api/audit", ["auditor", "admin"]),
        new("GET", "/api/audit/verify", ["auditor", "admin"]),
        new("GET", "/api/audit/head", ["auditor", "admin"]),
    ];

    public static EndpointAccess Find(string endpoint) => Endpoints.Single(e => e.ToString() == endpoint);
}

/// <param name="Route">The route pattern as mapped, e.g. <c>/api/rules/{name}</c>.</param>
/// <param name="AllowedRoles">The roles that may call it, or <see cref="RoleMatrix.Anonymous"/>.</param>
/// <param name="Path">A concrete path to request when the route has parameters (defaults to the route).</param>
/// <param name="Body">A request body for writes; allowed callers may get a 4xx for it, just not 401/403.</param>
/// <param name="Mapped">False for paths served by middleware rather than an endpoint (Swagger).</param>
public sealed record EndpointAccess(
    string Method,
    string Route,
    IReadOnlyList<string>? AllowedRoles,
    string? Path = null,
    string? Body = null,
    string ContentType = "application/json",
    bool Mapped = true)
{
    public string RequestPath => Path ?? Route;

    public override string ToString() => $"{Method} {Route}";
}
