using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// What the document says once, not per operation: a description of every tag. A tag an endpoint uses
/// (<c>.WithTags("X")</c>) needs its line here; OpenApiConventionTests fails naming the tag until it has one.
/// </summary>
public sealed class DocumentConventions : IDocumentFilter
{
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Benefits"] = "The benefits catalog, members' coupons and draw chances, redemptions and draws.",
        ["Preview"] = "Draft against live on one data snapshot: impact, replay of a past run, capture a customer as a test case.",
        ["Triggers"] = "Event-triggered rules: pending customers, oldest pending age and last batch latency per rule.",
        ["Audit"] = "The hash-chained audit log: list, export, verify against the anchors, read the head.",
        ["Customers"] = "Customers with their segments, scores, points and history.",
        ["Editing"] = "Help for editing rules: diagnostics, completions and hover as you type, draft tests, version diffs, the script API.",
        ["Follow-ups"] = "Follow-up tasks rules created, and their updates by staff.",
        ["Ingest"] = "Bulk upsert of customers, orders and events: JSON array, NDJSON or CSV, all-or-nothing or partial.",
        ["Operations"] = "Health for supervisors and Prometheus metrics.",
        ["Rules"] = "Rule scripts: read, validate, save, version and roll back.",
        ["Runs"] = "Rule runs: trigger (real or dry), watch, read logs and outcomes, cancel, rerun.",
        ["Security"] = "Who the API key in the request is.",
        ["Segments"] = "Segment sizes and members.",
        ["Points"] = "The loyalty programme's points as a whole: earned, spent and expired over time.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name, Description = TagDescriptions.GetValueOrDefault(name),
        }));
    }
}
