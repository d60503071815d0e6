using RuleEngine.Benefits.Catalog;
using RuleEngine.Rules;

namespace RuleEngine.Storage.Postgres;

public sealed class PostgresRuleVersionStore(PostgresDatabase database) : IRuleVersionStore
{
    /// <summary>Insert-if-missing: a version is immutable once saved, whoever saves it again.</summary>
    public Task SaveAsync(RuleVersion version, CancellationToken cancellationToken = default) => database.WriteAsync(async (c, _) =>
    {
        await using var insert = c.Command("INSERT INTO rule_versions (rule, hash, created_at, good, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            version.Rule, version.Hash, version.CreatedAt, version.Good, PostgresSql.Body(version));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

    public IReadOnlyList<RuleVersion> ListVersions(string rule) => database.Read(c =>
        c.Command("SELECT body FROM rule_versions WHERE rule = $1 ORDER BY created_at DESC", rule).List(r => PostgresSql.FromBody<RuleVersion>(r, 0)));

    public RuleVersion? FindVersion(string rule, string hash) => database.Read(c =>
        c.Command("SELECT body FROM rule_versions WHERE rule = $1 AND hash = $2", rule, hash).List(r => PostgresSql.FromBody<RuleVersion>(r, 0))).FirstOrDefault();

    public IReadOnlyList<RuleVersion> LatestGoodVersions() => database.Read(c =>
        c.Command("SELECT DISTINCT ON (rule) body FROM rule_versions WHERE good ORDER BY rule, created_at DESC").List(r => PostgresSql.FromBody<RuleVersion>(r, 0)));
}

public sealed class PostgresCatalogVersionStore(PostgresDatabase database) : ICatalogVersionStore
{
    public Task SaveAsync(CatalogVersion version, CancellationToken cancellationToken = default) => database.WriteAsync(async (c, _) =>
    {
        await using var insert = c.Command("INSERT INTO catalog_versions (hash, created_at, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            version.Hash, version.CreatedAt, PostgresSql.Body(version));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

    public IReadOnlyList<CatalogVersion> List() => database.Read(c =>
        c.Command("SELECT body FROM catalog_versions ORDER BY created_at DESC").List(r => PostgresSql.FromBody<CatalogVersion>(r, 0)));
}
