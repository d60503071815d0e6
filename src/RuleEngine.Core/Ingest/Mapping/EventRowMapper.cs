using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RuleEngine.Domain;

namespace RuleEngine.Ingest.Mapping;

internal sealed class EventRowMapper : IRowMapper<InteractionEvent>
{
    public InteractionEvent? Map(JsonElement row, Action<string, string> error)
    {
        var fields = new RowFields(row, error);
        var id = fields.Id("id");
        var customerId = fields.Id("customerId");
        var type = fields.Text("type", required: true);
        var at = fields.Time("at", required: true);
        var properties = fields.TextMap("properties");
        if (type == EventTypes.Visit && properties.TryGetValue("prescriptionDays", out var days) && !(int.TryParse(days, out var d) && d > 0))
            fields.Error("properties.prescriptionDays", $"'properties.prescriptionDays' must be a positive whole number of days, not '{days}'.");
        if (!fields.Ok) return null;
        return new InteractionEvent { Id = id!, CustomerId = customerId!, Type = type!, At = at!.Value, Properties = properties };
    }

    public bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out InteractionEvent? item) => EventJson.TryRead(json, out item);

    public string IdOf(InteractionEvent item) => item.Id;

    public string? CustomerIdOf(InteractionEvent item) => item.CustomerId;
}
