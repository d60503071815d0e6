using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Runtime;
using RuleEngine.Storage;

namespace RuleEngine.Runs.Isolation;

/// <summary>What one frame between the server and a rule worker carries.</summary>
public enum FrameKind : byte
{
    /// <summary>Server → worker: the rule version and the run's clock, parameters and catalog (<see cref="RunStart"/>).</summary>
    RunStart = 1,
    /// <summary>Server → worker: a page of customers to evaluate (<see cref="PageCall"/>).</summary>
    Page = 2,
    /// <summary>Worker → server: the state rules left for these customers, please (<see cref="StatesWanted"/>).</summary>
    StatesWanted = 3,
    StatesGiven = 4,
    /// <summary>Worker → server: a distribution over the whole base, please (<see cref="PopulationWanted"/>).</summary>
    PopulationWanted = 5,
    PopulationGiven = 6,
    /// <summary>Worker → server: each customer's outcomes, error and log lines (<see cref="PageEvaluated"/>).</summary>
    PageEvaluated = 7,
    /// <summary>Worker → server: the worker cannot go on (it could not load the rule, say) and says why.</summary>
    Fatal = 8,
}

public sealed record RunStart(
    string RunId, string Rule, string Hash, byte[] Image, byte[] Pdb, DateTime AsOf, IReadOnlyDictionary<string, string> Parameters,
    TimeSpan CustomerTimeout, BenefitCatalog? Catalog);

public sealed record PageCall(IReadOnlyList<CustomerData> Customers);

/// <summary>The <paramref name="Parts"/> of these customers' states (a worker of an older build asks for all).</summary>
public sealed record StatesWanted(IReadOnlyList<string> CustomerIds, StateParts Parts = StateParts.All);

public sealed record StatesGiven(IReadOnlyDictionary<string, CustomerState> States);

public sealed record PopulationWanted(PopulationMetric Metric, int WindowDays);

public sealed record PopulationGiven(double[] SortedValues);

/// <summary>One customer's evaluation: the outcomes asked for, or the error; and the lines the rule logged meanwhile.</summary>
public sealed record CustomerEvaluated(string CustomerId, IReadOnlyList<RuleOutcome> Outcomes, RuleRuntimeError? Error, IReadOnlyList<string> Logs);

public sealed record PageEvaluated(IReadOnlyList<CustomerEvaluated> Customers);

public sealed record Fatal(string Message);

/// <summary>
/// The framing: a 4-byte little-endian length, a <see cref="FrameKind"/> byte and that many bytes of UTF-8 JSON. One
/// JSON document per page (not per customer), so the cost is one serializer pass over the page each way
/// (docs/performance.md, "Rules in a worker process").
/// </summary>
public static class WorkerFrames
{
    /// <summary>A frame larger than this is refused: a page of 500 customers with long histories is a few MB.</summary>
    public const int MaxFrameBytes = 256 * 1024 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OutcomeTypes } },
        Converters = { new ReadOnlySetConverter() },
    };

    // A customer's state holds its tags as a set; the serializer cannot make an IReadOnlySet by itself.
    sealed class ReadOnlySetConverter : System.Text.Json.Serialization.JsonConverter<IReadOnlySet<string>>
    {
        public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<HashSet<string>>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }

    // The outcomes a rule can ask for travel as their concrete type, named by a "$type" field.
    static void OutcomeTypes(JsonTypeInfo info)
    {
        if (info.Type != typeof(RuleOutcome)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FailSerialization };
        foreach (var type in new[]
                 {
                     typeof(SegmentOutcome), typeof(ScoreOutcome), typeof(PointsOutcome), typeof(TaskOutcome), typeof(CancelTaskOutcome),
                     typeof(TagOutcome), typeof(CouponOutcome), typeof(DrawChanceOutcome),
                 })
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
    }

    public static void Write<T>(Stream stream, FrameKind kind, T message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        Span<byte> header = stackalloc byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        header[4] = (byte)kind;
        stream.Write(header);
        stream.Write(body);
        stream.Flush();
    }

    /// <summary>The next frame, or null at the end of the stream (the other side is gone).</summary>
    public static (FrameKind Kind, byte[] Body)? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[5];
        if (!Fill(stream, header)) return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxFrameBytes) throw new InvalidDataException($"A rule worker frame claims {length} bytes; at most {MaxFrameBytes}.");
        var body = new byte[length];
        if (!Fill(stream, body)) return null;
        return ((FrameKind)header[4], body);
    }

    public static T Body<T>(byte[] body) =>
        JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidDataException($"An empty {typeof(T).Name} frame.");

    static bool Fill(Stream stream, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer[read..]);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
