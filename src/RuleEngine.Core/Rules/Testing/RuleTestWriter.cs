using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Writes a test case as it reads in a <c>.tests.json</c> file (what <see cref="RuleTestParser"/> reads back): camelCase,
/// UTC times, and nothing an analyst would not write by hand (no nulls, no empty lists, a tolerance only for scores).
/// </summary>
public static class RuleTestWriter
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new RuleTestParser.UtcDateTimeConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutDefaults } },
    };

    public static JsonNode ToJson(RuleTestCase testCase) => JsonSerializer.SerializeToNode(testCase, Options)!;

    static void LeaveOutDefaults(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
                property.ShouldSerialize = (_, value) => value is not ICollection { Count: 0 };
            if (type.Type == typeof(TestExpectation) && property.Name == "tolerance")
                property.ShouldSerialize = (owner, _) => ((TestExpectation)owner).Score is not null;
        }
    }
}
