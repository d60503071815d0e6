using LiteDB;
using RuleEngine.Domain;
using static RuleEngine.Storage.LiteDb.Bson.BsonValues;

namespace RuleEngine.Storage.LiteDb.Bson;

/// <summary>Customers, orders and events as documents; written by hand because it is the ingest hot path.</summary>
public static class InputBson
{
    public static BsonDocument ToBson(Customer c) => new()
    {
        ["_id"] = c.Id, ["Name"] = c.Name, ["Email"] = c.Email, ["Phone"] = c.Phone, ["Gender"] = c.Gender,
        ["Birthday"] = Of(c.Birthday), ["Region"] = c.Region, ["JoinedAt"] = Of(c.JoinedAt), ["Channel"] = c.Channel,
        ["Tags"] = Of(c.Tags), ["Attributes"] = Of(c.Attributes), ["Consent"] = Of(c.Consent),
        [CustomerSearchKeys.Name] = CustomerSearchKeys.NameKey(c.Name, c.Id),
        [CustomerSearchKeys.Email] = CustomerSearchKeys.EmailKey(c.Email, c.Id),
        [CustomerSearchKeys.Phone] = CustomerSearchKeys.PhoneKey(c.Phone, c.Id),
    };

    public static Customer ToCustomer(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, Name = d["Name"].AsString, Email = d["Email"].AsString, Phone = d["Phone"].AsString,
        Gender = d["Gender"].AsString, Birthday = DateOnlyOrNull(d["Birthday"]), Region = d["Region"].AsString,
        JoinedAt = DateOrNull(d["JoinedAt"]), Channel = d["Channel"].AsString, Tags = Strings(d["Tags"]),
        Attributes = StringMap(d["Attributes"]), Consent = BoolMap(d["Consent"]),
    };

    public static BsonDocument ToBson(Order o) => new()
    {
        ["_id"] = o.Id, ["CustomerId"] = o.CustomerId, ["Amount"] = o.Amount, ["Currency"] = o.Currency, ["At"] = o.At,
        ["Channel"] = o.Channel, ["Status"] = Of(o.Status), ["RefundedAt"] = Of(o.RefundedAt),
        ["Items"] = new BsonArray(o.Items.Select(i => (BsonValue)new BsonDocument
        {
            ["Sku"] = i.Sku, ["Name"] = i.Name, ["Quantity"] = i.Quantity, ["Price"] = i.Price,
        })),
    };

    public static Order ToOrder(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Amount = d["Amount"].AsDecimal,
        Currency = d["Currency"].AsString, At = d["At"].AsDateTime, Channel = d["Channel"].AsString,
        Status = Enum<OrderStatus>(d["Status"]), RefundedAt = DateOrNull(d["RefundedAt"]),
        Items = d["Items"].IsArray
            ? d["Items"].AsArray.Select(i => new OrderItem(i["Sku"].AsString, i["Name"].AsString, i["Quantity"].AsInt32, i["Price"].AsDecimal)).ToList()
            : [],
    };

    public static BsonDocument ToBson(InteractionEvent e) => new()
    {
        ["_id"] = e.Id, ["CustomerId"] = e.CustomerId, ["Type"] = e.Type, ["At"] = e.At, ["Properties"] = Of(e.Properties),
    };

    public static InteractionEvent ToEvent(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Type = d["Type"].AsString, At = d["At"].AsDateTime,
        Properties = StringMap(d["Properties"]),
    };
}
