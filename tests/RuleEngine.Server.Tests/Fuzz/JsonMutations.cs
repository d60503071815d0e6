using System.Text.Json.Nodes;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// Malformed variants of a well-formed JSON body: each keeps most of the document intact so that the
/// server gets past the first byte and has to reject the one bad part (or write nothing at all).
/// </summary>
public static class JsonMutations
{
    private const string Slot = "__fuzz_slot__";

    public static string Mutate(Junk junk, string validJson) => junk.Random.Next(12) switch
    {
        0 or 1 or 2 => Replace(junk, validJson, junk.JsonValue()),
        3 => Replace(junk, validJson, junk.DeepNesting(junk.Random.Next(65, 3_000))),
        4 => Replace(junk, validJson, junk.Pick(Junk.HugeNumbers)),
        5 => Replace(junk, validJson, Junk.JsonString(junk.OddString())),
        6 => RemoveOne(junk, validJson),
        7 => AddUnknown(junk, validJson),
        8 => validJson[..junk.Random.Next(validJson.Length)],
        9 => Garble(junk, validJson),
        10 => validJson.Replace("{", "{\"id\":" + junk.JsonValue() + ",", StringComparison.Ordinal),
        _ => junk.JsonValue(),
    };

    /// <summary>Every place a value sits in <paramref name="node"/>: object members and array items, depth first.</summary>
    private static List<Action<JsonNode?>> Slots(JsonNode? node)
    {
        var slots = new List<Action<JsonNode?>>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    slots.Add(value => obj[name] = value);
                    slots.AddRange(Slots(obj[name]));
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    slots.Add(value => array[index] = value);
                    slots.AddRange(Slots(array[index]));
                }
                break;
        }
        return slots;
    }

    /// <summary>Puts raw JSON text (which may be invalid, or too deep for a JsonNode) in place of one value.</summary>
    private static string Replace(Junk junk, string validJson, string rawValue)
    {
        var root = JsonNode.Parse(validJson)!;
        var slots = Slots(root);
        if (slots.Count == 0) return rawValue;
        junk.Pick(slots)(JsonValue.Create(Slot));
        return root.ToJsonString().Replace($"\"{Slot}\"", rawValue, StringComparison.Ordinal);
    }

    private static string RemoveOne(Junk junk, string validJson)
    {
        var root = JsonNode.Parse(validJson)!;
        var objects = root.DescendantsAndSelf().OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        if (objects.Count == 0) return "{}";
        var target = junk.Pick(objects);
        target.Remove(junk.Pick(target.Select(p => p.Key).ToList()));
        return root.ToJsonString();
    }

    private static string AddUnknown(Junk junk, string validJson)
    {
        var root = JsonNode.Parse(validJson)!;
        var objects = root.DescendantsAndSelf().OfType<JsonObject>().ToList();
        if (objects.Count == 0) return validJson;
        junk.Pick(objects)[junk.Pick(Junk.OddStrings)] = JsonValue.Create(Slot);
        return root.ToJsonString().Replace($"\"{Slot}\"", junk.JsonValue(), StringComparison.Ordinal);
    }

    /// <summary>Overwrites a few characters with structural ones: unbalanced brackets, stray quotes and commas.</summary>
    private static string Garble(Junk junk, string validJson)
    {
        var chars = validJson.ToCharArray();
        for (var i = junk.Random.Next(1, 4); i > 0 && chars.Length > 0; i--)
            chars[junk.Random.Next(chars.Length)] = junk.Pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', 'x']);
        return new string(chars);
    }

    private static IEnumerable<JsonNode> DescendantsAndSelf(this JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        foreach (var descendant in child.DescendantsAndSelf()) yield return descendant;
    }
}
