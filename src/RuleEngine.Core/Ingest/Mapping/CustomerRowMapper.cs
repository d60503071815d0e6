using System.Text.Json;
using RuleEngine.Domain;

namespace RuleEngine.Ingest.Mapping;

internal sealed class CustomerRowMapper : IRowMapper<Customer>
{
    public Customer? Map(JsonElement row, Action<string, string> error)
    {
        var fields = new RowFields(row, error);
        var id = fields.Id("id");
        var customer = new Customer
        {
            Id = id ?? "", Name = fields.Text("name"), Email = fields.Text("email"), Phone = fields.Text("phone"),
            Gender = fields.Text("gender"), Birthday = fields.Date("birthday"), Region = fields.Text("region"),
            JoinedAt = fields.Time("joinedAt"), Channel = fields.Text("channel"), Tags = fields.TextList("tags"),
            Attributes = fields.TextMap("attributes"), Consent = fields.FlagMap("consent"),
        };
        return fields.Ok ? customer : null;
    }

    public string IdOf(Customer item) => item.Id;

    public string? CustomerIdOf(Customer item) => null;
}
