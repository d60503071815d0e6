using System.Globalization;
using System.Text.Json;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Turns a test case's "given" into what a run would hand the rule: the customer, their orders and events cut at
/// the case's now (as in an as-of run: a refund after now has not happened yet), the state rules left, and the
/// population statistics over the case's customer and its <c>population</c>.
/// </summary>
static class TestCaseFacts
{
    public static RuleContext Build(RuleTestCase testCase, DateTime now, string rule)
    {
        var customer = Customer(testCase.Customer, now);
        var data = new CustomerData(customer, Orders(testCase.Orders, customer.Id, now), Events(testCase, customer.Id, now));
        var population = testCase.Population.Select((member, i) => Member(member, i, now)).Prepend(data).ToList();
        return new RuleContext
        {
            Customer = customer, Orders = data.Orders, Events = data.Events, Now = now, Parameters = testCase.Parameters,
            Population = new PopulationStats(() => population, now),
            LoadState = _ => State(testCase.State, customer.Id, rule, now),
        };
    }

    static Customer Customer(TestCustomer c, DateTime now) => new()
    {
        Id = c.Id, Gender = c.Gender, Birthday = c.Birthday, Region = c.Region, Email = c.Email, Phone = c.Phone,
        JoinedAt = c.JoinedAt ?? (c.JoinedDaysAgo is { } days ? now.AddDays(-days) : now.AddYears(-2)),
        Channel = c.Channel, Tags = c.Tags, Attributes = c.Attributes, Consent = c.Consent,
    };

    static List<Order> Orders(IEnumerable<TestOrder> orders, string customerId, DateTime now) => orders
        .Select((o, i) => Order(o, o.Id ?? $"o{i + 1}", customerId, now))
        .Where(o => o.At <= now).OrderBy(o => o.At).ToList();

    static Order Order(TestOrder o, string id, string customerId, DateTime now)
    {
        var at = o.Resolve(now);
        var refunded = string.Equals(o.Status, "refunded", StringComparison.OrdinalIgnoreCase) && (o.RefundedAt ?? at) <= now;
        return new Order
        {
            Id = id, CustomerId = customerId, Amount = o.Amount, At = at, Channel = o.Channel,
            Status = refunded ? OrderStatus.Refunded : OrderStatus.Paid, RefundedAt = refunded ? o.RefundedAt ?? at : null,
        };
    }

    static List<InteractionEvent> Events(RuleTestCase testCase, string customerId, DateTime now) => testCase.Events
        .Select((e, i) => new InteractionEvent
        {
            Id = e.Id ?? $"e{i + 1}", CustomerId = customerId, Type = e.Type, At = e.Resolve(now),
            Properties = e.Properties.ToDictionary(p => p.Key, p => Text(p.Value)),
        })
        .Where(e => e.At <= now).OrderBy(e => e.At).ToList();

    /// <summary>Properties may be written as JSON numbers or booleans; events carry them as invariant strings.</summary>
    static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    static CustomerData Member(TestPopulationMember member, int index, DateTime now)
    {
        var id = member.Id ?? $"p{index + 1}";
        var orders = member.Spend is { } spend ? member.Orders.Append(new TestOrder { Amount = spend, DaysAgo = 30 }) : member.Orders;
        return new CustomerData(new Customer { Id = id }, Orders(orders, id, now), []);
    }

    static CustomerState State(TestState? state, string customerId, string rule, DateTime now) => state is null
        ? CustomerState.Empty
        : new CustomerState
        {
            Segments = state.Segments, Scores = state.Scores, RuleTags = state.Tags.ToHashSet(),
            Ledger = state.Ledger.Select(e => Entry(e, customerId, rule, now)).OrderBy(e => e.Source.At).ToList(),
            OpenTasks = state.OpenTasks.Select(t => Task(t, customerId, rule, now)).ToList(),
        };

    static PointsEntry Entry(TestLedgerEntry e, string customerId, string rule, DateTime now) => new()
    {
        Id = OutcomeKeys.For(e.Rule ?? rule, customerId, e.Key), CustomerId = customerId, Delta = e.Delta, Key = e.Key, Reason = e.Key,
        Type = e.Type is { } type ? Enum.Parse<PointsEntryType>(type, ignoreCase: true) : e.Delta >= 0 ? PointsEntryType.Earn : PointsEntryType.Spend,
        Source = Source(e.Rule ?? rule, e.Resolve(now)),
    };

    static FollowUpTask Task(TestOpenTask t, string customerId, string rule, DateTime now) => new()
    {
        Id = OutcomeKeys.For(t.Rule ?? rule, customerId, t.Key), CustomerId = customerId, Key = t.Key, Channel = t.Channel,
        Due = t.Due ?? t.Resolve(now), CreatedAt = t.Resolve(now), Source = Source(t.Rule ?? rule, t.Resolve(now)),
    };

    static OutcomeSource Source(string rule, DateTime at) => new() { Rule = rule, RuleVersionHash = "test", RunId = "test", At = at };
}
