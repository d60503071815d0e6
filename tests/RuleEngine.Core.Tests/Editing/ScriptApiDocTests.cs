using RuleEngine.Editing;
using RuleEngine.Tests.Rules.Library;

namespace RuleEngine.Tests.Editing;

/// <summary>docs/script-api.md is generated from the script API's XML docs and must stay in step with them.</summary>
public class ScriptApiDocTests
{
    static string DocPath => Path.Combine(Path.GetDirectoryName(RuleLibrary.Root)!, "docs", "script-api.md");

    [Fact]
    public void The_script_api_doc_is_what_the_xml_docs_generate()
    {
        var generated = ScriptApiMarkdown.Write(ScriptApiReference.Members);
        if (Environment.GetEnvironmentVariable("UPDATE_SCRIPT_API_DOC") == "1") File.WriteAllText(DocPath, generated);

        var onDisk = File.Exists(DocPath) ? File.ReadAllText(DocPath).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
        Assert.True(onDisk == generated,
            "docs/script-api.md differs from the script API's XML docs. Regenerate it with " +
            "UPDATE_SCRIPT_API_DOC=1 dotnet test tests/RuleEngine.Core.Tests --filter ScriptApiDocTests, and commit it.");
    }

    [Fact]
    public void The_xml_docs_are_found_at_run_time_and_every_in_scope_member_has_a_summary()
    {
        Assert.True(ScriptApiReference.HasDocumentation, "RuleEngine.Core.xml is not beside RuleEngine.Core.dll");

        var inScope = ScriptApiReference.Members.Where(m => !m.Name.Contains('.', StringComparison.Ordinal) && m.Kind is not ("class" or "record" or "struct" or "enum" or "interface"));
        Assert.All(inScope, m => Assert.False(string.IsNullOrEmpty(m.Summary), $"{m.Name} has no summary"));
    }

    [Theory]
    [InlineData("Now", "DateTime Now { get; }", "UTC")]
    [InlineData("Today", "DateOnly Today { get; }", "not in the rule header's `timeZone`")]
    [InlineData("Orders", "IReadOnlyList<Order> Orders { get; }", "exactly at Now")]
    [InlineData("Order.At", "DateTime Order.At { get; init; }", "exactly at the run's as-of instant counts")]
    [InlineData("SetScore", "void SetScore(string name, double value, string because)", "double")]
    [InlineData("Score", "double? Score(string name)", "double")]
    public void The_reference_states_types_and_the_as_of_rules(string name, string signature, string remark)
    {
        var member = Assert.Single(ScriptApiReference.Members, m => m.Name == name);

        Assert.Equal(signature, member.Signature);
        Assert.Contains(remark, member.Summary + " " + member.Remarks);
    }
}
