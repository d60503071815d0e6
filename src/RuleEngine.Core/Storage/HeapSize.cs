using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;

namespace RuleEngine.Storage;

/// <summary>
/// What the caches' entries cost on the managed heap (64-bit), estimated from their shape, so that the caches can be
/// bounded in memory and not only in entries: object headers and fields, the strings they hold (every one counted: read
/// from the file, none are shared), their lists and dictionaries. <c>HeapSizeTests</c> holds the estimates of orders
/// and events within a tenth of what building them allocates.
/// </summary>
public static class HeapSize
{
    const long ObjectHeader = 16, Reference = 8;

    public static long Of(IReadOnlyList<Order> orders)
    {
        long bytes = ArrayOf(orders.Count);
        foreach (var order in orders) bytes += Of(order);
        return bytes;
    }

    public static long Of(IReadOnlyList<InteractionEvent>? events)
    {
        if (events is null) return 0;
        long bytes = ArrayOf(events.Count);
        foreach (var item in events) bytes += Of(item);
        return bytes;
    }

    /// <summary>A profile: its fields and strings, its tags and its two dictionaries (as read from the file).</summary>
    public static long Of(Customer customer)
    {
        var bytes = ObjectHeader + 12 * Reference + 8 + 16 + String(customer.Id) + String(customer.Name) + String(customer.Email)
            + String(customer.Phone) + String(customer.Gender) + String(customer.Region) + String(customer.Channel)
            + Dictionary(customer.Attributes.Count) + Dictionary(customer.Consent.Count);
        if (customer.Tags.Count > 0) bytes += ObjectHeader + Reference + 8 + ArrayOf(customer.Tags.Count);
        foreach (var tag in customer.Tags) bytes += String(tag);
        foreach (var (key, value) in customer.Attributes) bytes += String(key) + String(value);
        foreach (var key in customer.Consent.Keys) bytes += String(key);
        return bytes;
    }

    /// <summary>
    /// A customer's standing: its profile, current segments (a dictionary of strings), scores and rule tags (each with the
    /// rule, version and run that set it) and open tasks.
    /// </summary>
    public static long Of(CustomerStanding standing)
    {
        var bytes = ObjectHeader + 5 * Reference + 8 + Of(standing.Customer) + Dictionary(standing.Segments.Count)
            + ListOf(standing.Scores.Count) + ListOf(standing.Tags.Count) + ListOf(standing.OpenTasks.Count);
        foreach (var (kind, value) in standing.Segments) bytes += String(kind) + String(value);
        foreach (var score in standing.Scores)
            bytes += ObjectHeader + 4 * Reference + 8 + String(score.CustomerId) + String(score.Name) + String(score.Explanation) + Of(score.SetBy);
        foreach (var tag in standing.Tags) bytes += ObjectHeader + 3 * Reference + String(tag.CustomerId) + String(tag.Tag) + Of(tag.SetBy);
        foreach (var task in standing.OpenTasks)
            bytes += ObjectHeader + 9 * Reference + 8 + 8 + 8 + 16 + String(task.Id) + String(task.CustomerId) + String(task.Channel)
                + String(task.Note) + String(task.Outcome) + String(task.Assignee) + String(task.Key) + String(task.Explanation) + Of(task.Source);
        return bytes;
    }

    static long Of(OutcomeSource source) =>
        ObjectHeader + 3 * Reference + 8 + String(source.Rule) + String(source.RuleVersionHash) + String(source.RunId);

    // Order: 5 references, decimal, DateTime, DateTime?, status; its items a list and an array.
    static long Of(Order order)
    {
        var bytes = ObjectHeader + 5 * Reference + 16 + 8 + 16 + 8
            + String(order.Id) + String(order.CustomerId) + String(order.Currency) + String(order.Channel);
        if (order.Items.Count == 0) return bytes;
        bytes += ObjectHeader + Reference + 8 + ArrayOf(order.Items.Count);
        foreach (var item in order.Items) bytes += ObjectHeader + 2 * Reference + 8 + 16 + String(item.Sku) + String(item.Name);
        return bytes;
    }

    // Event: 4 references, DateTime; its properties a dictionary.
    static long Of(InteractionEvent item)
    {
        var bytes = ObjectHeader + 4 * Reference + 8 + String(item.Id) + String(item.CustomerId) + String(item.Type) + Dictionary(item.Properties.Count);
        foreach (var (key, value) in item.Properties) bytes += String(key) + String(value);
        return bytes;
    }

    /// <summary>
    /// A run record: its fixed fields and small records (about 1 KB), and what varies: the chosen customers (a triggered
    /// batch's thousands), parameters, a dry run's impact samples and segment moves, a preview's draft.
    /// </summary>
    public static long Of(Run run)
    {
        var bytes = 1024 + String(run.TriggeredBy) + String(run.Error) + String(run.Preview?.DraftText);
        if (run.CustomerIds is { } ids)
        {
            bytes += ArrayOf(ids.Count);
            foreach (var id in ids) bytes += String(id);
        }
        foreach (var (key, value) in run.Parameters) bytes += 28 + String(key) + String(value);
        if (run.Impact is { } impact)
        {
            bytes += impact.SegmentMoves.Count * 64L;
            foreach (var sample in impact.Sample)
            {
                bytes += ObjectHeader + 2 * Reference + String(sample.CustomerId) + ArrayOf(sample.Changes.Count);
                foreach (var change in sample.Changes) bytes += String(change);
            }
        }
        if (run.Comparison is { } comparison) bytes += comparison.Moves.Count * 64L;
        return bytes;
    }

    // A dictionary of 80 bytes, and once it holds any, its buckets and entries (24 bytes each, for string keys and values
    // or flags) for a capacity that grows by primes from 3, about doubling.
    static long Dictionary(int count)
    {
        if (count == 0) return 80;
        var capacity = count <= 3 ? 3 : count <= 7 ? 7 : 2 * count;
        return 80 + ArrayOf(0) + ((4L * capacity + 7) & ~7L) + ArrayOf(0) + 24L * capacity;
    }

    static long ListOf(int count) => ObjectHeader + Reference + 8 + ArrayOf(count);

    static long ArrayOf(int count) => ObjectHeader + 8 + (long)count * Reference;

    static long String(string? text) => text is null ? 0 : (22 + 2L * text.Length + 7) & ~7L;
}
