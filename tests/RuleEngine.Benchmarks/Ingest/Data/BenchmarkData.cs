using System.Text.Json;
using System.Text.Json.Serialization;
using RuleEngine.Demo;
using RuleEngine.Domain;

namespace RuleEngine.Benchmarks.Ingest.Data;

/// <summary>Demo customers and exactly N of their orders, in memory (for raw LiteDB) and as NDJSON files (for REST).</summary>
public sealed record BenchmarkData(List<Customer> Customers, List<Order> Orders, string CustomersNdjson, string OrdersNdjson)
{
    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static BenchmarkData Create(int orderCount, string folder)
    {
        var customers = new List<Customer>();
        var orders = new List<Order>(orderCount);
        foreach (var demo in new DemoDataGenerator().Generate(DemoDataGenerator.MaxCustomers))
        {
            if (orders.Count >= orderCount) break;
            customers.Add(demo.Customer);
            orders.AddRange(demo.Orders.Take(orderCount - orders.Count));
        }
        var data = new BenchmarkData(customers, orders, Path.Combine(folder, "customers.ndjson"), Path.Combine(folder, "orders.ndjson"));
        Write(data.CustomersNdjson, customers);
        Write(data.OrdersNdjson, orders);
        return data;
    }

    /// <summary>
    /// Keeps the first orders and customers for the measured request and writes the orders of <paramref name="count"/>
    /// more customers, not part of it, to <paramref name="path"/> (a server's untimed warm-up request).
    /// </summary>
    public (BenchmarkData Data, string WarmUp) WithWarmUp(int count, string path)
    {
        var (extraCustomers, extra) = (new List<Customer>(), new List<Order>());
        foreach (var demo in new DemoDataGenerator().Generate(DemoDataGenerator.MaxCustomers).Skip(Customers.Count))
        {
            if (extra.Count >= count) break;
            extraCustomers.Add(demo.Customer);
            extra.AddRange(demo.Orders.Take(count - extra.Count));
        }
        var all = Customers.Concat(extraCustomers).ToList();
        Write(CustomersNdjson, all);
        Write(path, extra);
        return (this with { Customers = all }, path);
    }

    private static void Write<T>(string path, IEnumerable<T> rows)
    {
        using var writer = new StreamWriter(path);
        foreach (var row in rows) writer.WriteLine(JsonSerializer.Serialize(row, Api));
    }
}
