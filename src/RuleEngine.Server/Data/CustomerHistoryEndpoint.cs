using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Server.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>GET /api/customers/{id}/history: "why is this customer gold?" — every change with its rule, version, run and reason.</summary>
internal static class CustomerHistoryEndpoint
{
    public static Results<Ok<CustomerHistoryView>, ProblemHttpResult, ValidationProblem> Get(
        string id, string? from, string? to, ICustomerStore customers, ICustomerHistory history)
    {
        if (!RunsApi.TryTime(from, "from", out var fromTime, out var problem) || !RunsApi.TryTime(to, "to", out var toTime, out problem)) return problem;
        if (fromTime > toTime) return Paging.Invalid("from", $"'from' ({from}) is after 'to' ({to}).");
        if (customers.Find(id) is null) return CustomersApi.CustomerNotFound(id);
        var items = history.For(id, fromTime, toTime).Select(HistoryItemView.Of).ToList();
        return TypedResults.Ok(new CustomerHistoryView(id, fromTime, toTime, items));
    }
}

public sealed record CustomerHistoryView(string CustomerId, DateTime? From, DateTime? To, IReadOnlyList<HistoryItemView> Items);

/// <summary>One change; only the fields of its type are present (segment: kind, from, to; score: name, from, to; ...).</summary>
public sealed record HistoryItemView(
    DateTime At, string Type, string Rule, string VersionHash, string RunId, string? Explanation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    string? From, string? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Amount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TaskType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Due)
{
    public static HistoryItemView Of(HistoryEntry e) => new(
        e.At, e.Type, e.Rule, e.VersionHash, e.RunId, e.Explanation, e.Kind, e.Name, e.From, e.To, e.Amount, e.Reason, e.Key, e.TaskType, e.Status, e.Due);
}
