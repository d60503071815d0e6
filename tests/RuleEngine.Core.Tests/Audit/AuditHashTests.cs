using RuleEngine.Audit;

namespace RuleEngine.Tests.Audit;

public class AuditHashTests
{
    static readonly AuditEntry Entry = new()
    {
        Sequence = 7, At = new DateTime(2026, 11, 22, 8, 0, 0, 123, DateTimeKind.Utc), Type = AuditTypes.RunFinished, Actor = "ops",
        Rule = "grade", Subject = "run-1", Summary = "done", Details = "{\"n\":1}", PreviousHash = AuditHash.Genesis, Hash = "",
    };

    public static TheoryData<string> Changes() => ["sequence", "at", "type", "actor", "rule", "subject", "summary", "details", "previousHash", "ruleNull"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_field_is_covered_by_the_hash(string field)
    {
        var changed = field switch
        {
            "sequence" => Entry with { Sequence = 8 },
            "at" => Entry with { At = Entry.At.AddMilliseconds(1) },
            "type" => Entry with { Type = AuditTypes.RunTriggered },
            "actor" => Entry with { Actor = "admin" },
            "rule" => Entry with { Rule = "grade2" },
            "subject" => Entry with { Subject = "run-2" },
            "summary" => Entry with { Summary = "done." },
            "details" => Entry with { Details = "{\"n\":2}" },
            "previousHash" => Entry with { PreviousHash = new string('1', 64) },
            _ => Entry with { Rule = null },
        };

        Assert.NotEqual(AuditHash.Of(Entry), AuditHash.Of(changed));
    }

    [Fact]
    public void The_stored_hash_is_not_part_of_what_is_hashed()
    {
        Assert.Equal(AuditHash.Of(Entry), AuditHash.Of(Entry with { Hash = "anything" }));
        Assert.Matches("^[0-9a-f]{64}$", AuditHash.Of(Entry));
    }
}
