using RuleEngine.Scripting;

namespace RuleEngine.Benefits.Catalog;

/// <summary>
/// The catalog in force (<see cref="Hash"/>, null before any good version) and the outcome of the newest version
/// considered: when <see cref="LatestHash"/> differs from <see cref="Hash"/>, that version was refused for
/// <see cref="Diagnostics"/> and the last good catalog stays in force.
/// </summary>
public sealed record CatalogState(
    BenefitCatalog Catalog, string? Hash, DateTime? ActiveSince, string? LatestHash, IReadOnlyList<RuleDiagnostic> Diagnostics)
{
    public static CatalogState None { get; } = new(BenefitCatalog.Empty, null, null, null, []);
}
